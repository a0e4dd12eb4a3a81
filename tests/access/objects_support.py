"""What the support app sets up for the access matrix: objects its URL arguments name (From("...")), and
the state the personas need (see tests/access/rules.py).

The caseworker's service (`victim_service`) is in the directory and the shared `case` is referred to it,
on the victim's consent; `other_caseworker`'s service has nothing referred to it."""

from victimcare.organisations.models import Membership
from victimcare.sharing.models import Decision, How
from victimcare.support import services
from victimcare.support.models import SupportNeed, SupportService


def make(case, personas) -> dict:
    organisation = Membership.objects.get(user=personas["caseworker"], role=Membership.Role.CASEWORKER).organisation
    service = SupportService.objects.create(
        name_en=organisation.name_en, name_cy=organisation.name_cy or organisation.name_en,
        summary_en="Emotional and practical support after any crime.",
        summary_cy="Cymorth emosiynol ac ymarferol ar ôl unrhyw drosedd.",
        needs=[SupportNeed.EMOTIONAL, SupportNeed.PRACTICAL], languages=["en", "cy"], organisation=organisation,
    )
    services.record_support_choice(case, Decision.GIVEN, how=How.VERBAL, actor=personas["officer"])
    referral = services.send_referral(case, service, actor=personas["officer"], needs=[SupportNeed.EMOTIONAL])
    return {"service": service, "referral": referral}
