from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "victimcare.portal"
    verbose_name = "Victim portal"

    def ready(self) -> None:
        from victimcare.cases.timeline import register_describers
        from victimcare.portal.timeline import DESCRIBERS

        register_describers(DESCRIBERS)
