from django.apps import AppConfig
from django.core import checks


class CharterConfig(AppConfig):
    name = "victimcare.charter"
    verbose_name = "Charter commitments"

    def ready(self) -> None:
        from victimcare.charter.checks import check_charter_deadlines

        checks.register(check_charter_deadlines)
