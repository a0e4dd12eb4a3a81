from django.apps import AppConfig


class SatisfactionConfig(AppConfig):
    name = "victimcare.satisfaction"
    verbose_name = "Victim satisfaction survey"
