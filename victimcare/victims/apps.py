from django.apps import AppConfig


class VictimsConfig(AppConfig):
    name = "victimcare.victims"
    verbose_name = "Victims"
