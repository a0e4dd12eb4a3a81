from django.apps import AppConfig


class FirstContactConfig(AppConfig):
    name = "victimcare.firstcontact"
    verbose_name = "First contact (recording a report)"

    def ready(self) -> None:
        # The written acknowledgement sent through the outbox is recorded as given when it goes.
        from victimcare.notifications import victim_messages  # noqa: F401
