from django.apps import AppConfig


class EqualityConfig(AppConfig):
    name = "victimcare.equality"
    verbose_name = "Equality monitoring"

    def ready(self) -> None:
        from victimcare.cases.timeline import register_describers
        from victimcare.equality.timeline import DESCRIBERS

        register_describers(DESCRIBERS)
