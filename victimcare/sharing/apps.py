from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "victimcare.sharing"
    verbose_name = "Consent and information sharing"

    def ready(self):
        from victimcare.cases.timeline import register_describers
        from victimcare.sharing.timeline import DESCRIBERS

        register_describers(DESCRIBERS)
