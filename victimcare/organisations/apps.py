from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "victimcare.organisations"
    verbose_name = "Organisations"
