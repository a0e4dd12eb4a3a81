from django.apps import AppConfig
from django.core import checks
from django.utils.translation import pgettext_lazy


class PropertyConfig(AppConfig):
    name = "victimcare.property"
    label = "property"
    verbose_name = "Property"

    def ready(self) -> None:
        from victimcare.cases.timeline import register_describers
        from victimcare.notifications.kinds import register_kind_labels
        from victimcare.property.checks import check_disposal_rule
        from victimcare.property.services import DISPOSAL_REMINDER, DISPOSAL_WARNING
        from victimcare.property.timeline import DESCRIBERS

        register_describers(DESCRIBERS)
        register_kind_labels({
            DISPOSAL_WARNING: pgettext_lazy("message kind", "reminder to collect property before its disposal"),
            DISPOSAL_REMINDER: pgettext_lazy("message kind", "reminder of unclaimed property to dispose of"),
        })
        checks.register(check_disposal_rule)
