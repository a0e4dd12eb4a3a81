from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "victimcare.support"
    verbose_name = "Victims' services and referrals"

    def ready(self) -> None:
        from victimcare.cases import timeline
        from victimcare.cases.signals import report_recorded
        from victimcare.sharing.services import consent_recorded
        from victimcare.support import services
        from victimcare.support.services import DECLINED_SUPPORT, OPTED_OUT, REFERRAL_ENDED
        from victimcare.support.timeline import DESCRIBERS

        timeline.register_describers(DESCRIBERS)
        # The reasons these services give when they waive a commitment, shown in the reader's language.
        timeline.register_system_reasons(DECLINED_SUPPORT, OPTED_OUT, REFERRAL_ENDED)
        report_recorded.connect(services.on_report_recorded, dispatch_uid="support.report_recorded")
        consent_recorded.connect(services.on_consent_recorded, dispatch_uid="support.consent_recorded")
