from django.apps import AppConfig


class CharterConfig(AppConfig):
    name = "victimcare.charter"
    verbose_name = "Charter commitments"
