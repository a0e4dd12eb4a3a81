from django.apps import AppConfig


class CourtConfig(AppConfig):
    name = "victimcare.court"
    verbose_name = "Court and witness care"

    def ready(self) -> None:
        from victimcare.cases.timeline import register_describers
        from victimcare.court.timeline import DESCRIBERS

        register_describers(DESCRIBERS)
