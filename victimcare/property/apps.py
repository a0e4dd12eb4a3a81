from django.apps import AppConfig
from django.core import checks


class PropertyConfig(AppConfig):
    name = "victimcare.property"
    label = "property"
    verbose_name = "Property"

    def ready(self) -> None:
        from victimcare.cases.timeline import register_describers
        from victimcare.property.checks import check_disposal_rule
        from victimcare.property.timeline import DESCRIBERS

        register_describers(DESCRIBERS)
        checks.register(check_disposal_rule)
