from django.apps import AppConfig


class ContactConfig(AppConfig):
    name = "victimcare.contact"
    verbose_name = "Contact agreements and updates"
