from django.apps import AppConfig


class WorklistsConfig(AppConfig):
    name = "victimcare.worklists"
    verbose_name = "Worklists"
