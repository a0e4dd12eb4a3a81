"""Start-up checks: a bad charter deadline setting must stop the system, not skew every deadline."""

from django.conf import settings
from django.core.checks import Error

from victimcare.charter.rules import Deadlines


def check_charter_deadlines(app_configs=None, **kwargs) -> list[Error]:
    try:
        Deadlines.with_overrides(getattr(settings, "CHARTER_DEADLINES", {}))
    except ValueError as error:
        return [
            Error(
                f"settings.CHARTER_DEADLINES is not valid: {error}",
                hint="Fix or remove the setting named; the defaults are in victimcare.charter.rules.Deadlines.",
                obj="settings.CHARTER_DEADLINES",
                id="charter.E001",
            )
        ]
    return []
