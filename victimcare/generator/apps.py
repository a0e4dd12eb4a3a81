from django.apps import AppConfig


class GeneratorConfig(AppConfig):
    name = "victimcare.generator"
    verbose_name = "Realistic data generator"
