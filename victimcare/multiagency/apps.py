from django.apps import AppConfig
from django.core import checks


class MultiagencyConfig(AppConfig):
    name = "victimcare.multiagency"
    verbose_name = "Multi-agency case management"

    def ready(self) -> None:
        from victimcare.cases.signals import report_recorded
        from victimcare.cases.timeline import register_describers
        from victimcare.multiagency.checks import check_multi_agency_rule
        from victimcare.multiagency.services import flag_on_report
        from victimcare.multiagency.timeline import DESCRIBERS

        report_recorded.connect(flag_on_report, dispatch_uid="multiagency.flag_on_report")
        register_describers(DESCRIBERS)
        checks.register(check_multi_agency_rule)
