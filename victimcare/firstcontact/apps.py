from django.apps import AppConfig


class FirstContactConfig(AppConfig):
    name = "victimcare.firstcontact"
    verbose_name = "First contact (recording a report)"
