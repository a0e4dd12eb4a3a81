from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "victimcare.accounts"
    verbose_name = "Staff accounts"
