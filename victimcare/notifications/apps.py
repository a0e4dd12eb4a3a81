from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "victimcare.notifications"
    verbose_name = "Messages to victims and staff (the outbox)"
