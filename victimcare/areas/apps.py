from django.apps import AppConfig


class AreasConfig(AppConfig):
    name = "victimcare.areas"
    verbose_name = "Areas"
