"""Start-up check: a bad PROPERTY_DISPOSAL_RULE setting must stop the system, not dispose of property early."""

from django.conf import settings
from django.core.checks import Error

from victimcare.property.rules import DisposalRule


def check_disposal_rule(app_configs=None, **kwargs) -> list[Error]:
    try:
        DisposalRule.from_setting(getattr(settings, "PROPERTY_DISPOSAL_RULE", None))
    except (TypeError, ValueError) as error:
        return [
            Error(
                f"settings.PROPERTY_DISPOSAL_RULE is not valid: {error}",
                hint="Fix or remove the key named; the defaults are in victimcare.property.rules.DisposalRule.",
                obj="settings.PROPERTY_DISPOSAL_RULE",
                id="property.E001",
            )
        ]
    return []
