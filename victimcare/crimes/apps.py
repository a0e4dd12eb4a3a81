from django.apps import AppConfig


class CrimesConfig(AppConfig):
    name = "victimcare.crimes"
    verbose_name = "Crimes"
