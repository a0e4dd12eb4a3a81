from django.apps import AppConfig
from django.core import checks


class DataProtectionConfig(AppConfig):
    name = "victimcare.dataprotection"
    label = "dataprotection"
    verbose_name = "Data protection"

    def ready(self) -> None:
        from victimcare.cases.timeline import register_describers
        from victimcare.dataprotection.checks import check_retention_rules
        from victimcare.dataprotection.timeline import DESCRIBERS

        register_describers(DESCRIBERS)
        checks.register(check_retention_rules)
