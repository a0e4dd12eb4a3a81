"""Start-up check: a bad RETENTION_RULES setting must stop the system, not erase a case early."""

from django.conf import settings
from django.core.checks import Error

from victimcare.dataprotection.retention import SETTING, rules_from_setting


def check_retention_rules(app_configs=None, **kwargs) -> list[Error]:
    try:
        rules_from_setting(getattr(settings, SETTING, None))
    except (TypeError, ValueError) as error:
        return [Error(f"settings.{SETTING} is not valid: {error}",
                      hint="Fix or remove the key named; the defaults are in "
                           "victimcare.dataprotection.retention.DEFAULT_RULES.",
                      obj=f"settings.{SETTING}", id="dataprotection.E001")]
    return []
