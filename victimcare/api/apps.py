from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "victimcare.api"
    verbose_name = "API"
