from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "victimcare.notifications"
    verbose_name = "Messages to victims and staff (the outbox)"

    def ready(self) -> None:
        from victimcare.cases.timeline import register_describers
        from victimcare.notifications.timeline import DESCRIBERS

        register_describers(DESCRIBERS)
