from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "victimcare.monitoring"
    verbose_name = "The Commissioner's monitoring"

    def ready(self) -> None:
        from victimcare.monitoring import receivers  # noqa: F401 - connects the receivers
