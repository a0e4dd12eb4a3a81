from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "victimcare.operations"
    verbose_name = "Running it: health checks, logs, metrics, backups"

    def ready(self) -> None:
        from django.core.signals import request_finished

        from victimcare.operations.middleware import forget_request_id

        request_finished.connect(forget_request_id, dispatch_uid="victimcare.operations.forget_request_id")
