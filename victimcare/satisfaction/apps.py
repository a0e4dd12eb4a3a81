from django.apps import AppConfig


class SatisfactionConfig(AppConfig):
    name = "victimcare.satisfaction"
    verbose_name = "Victim satisfaction survey"

    def ready(self) -> None:
        from victimcare.cases.timeline import register_describers
        from victimcare.satisfaction.timeline import DESCRIBERS

        register_describers(DESCRIBERS)
