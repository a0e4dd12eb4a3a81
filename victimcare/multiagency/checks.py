"""Start-up check: a bad MULTI_AGENCY_RULE setting must stop the system, not flag the wrong cases."""

from django.conf import settings
from django.core.checks import Error

from victimcare.multiagency.rules import MultiAgencyRule


def check_multi_agency_rule(app_configs=None, **kwargs) -> list[Error]:
    try:
        MultiAgencyRule.from_setting(getattr(settings, "MULTI_AGENCY_RULE", None))
    except (TypeError, ValueError) as error:
        return [
            Error(
                f"settings.MULTI_AGENCY_RULE is not valid: {error}",
                hint="Fix or remove the key named; the defaults are in victimcare.multiagency.rules.MultiAgencyRule.",
                obj="settings.MULTI_AGENCY_RULE",
                id="multiagency.E001",
            )
        ]
    return []
