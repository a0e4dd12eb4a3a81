from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "victimcare.cases"
    verbose_name = "Cases"
