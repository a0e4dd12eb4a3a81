from django.apps import AppConfig


class FrontendConfig(AppConfig):
    name = "victimcare.frontend"
    verbose_name = "Front end"
