from django.apps import AppConfig


class ResponseConfig(AppConfig):
    name = "victimcare.response"
    verbose_name = "Response and attendance"
