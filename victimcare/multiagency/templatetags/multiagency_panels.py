"""The multi-agency panel on the police case page: whether the case is flagged for a multi-agency
meeting and why, whether it is a repeat, the meetings it was listed at and the actions agreed there.
At most three queries whatever the data: the referrals, their agenda items with meetings, the actions
(none when the case page's probe found no referral; no actions query before the case is listed at a meeting)."""

from django import template
from django.db.models import Prefetch
from django.utils import timezone

from victimcare.cases.page_reads import may_have_rows
from victimcare.multiagency.models import Action, AgendaItem, MultiAgencyReferral

register = template.Library()

_STATUS_TAG = {
    MultiAgencyReferral.Status.FLAGGED: "govuk-tag--orange",
    MultiAgencyReferral.Status.LISTED: "govuk-tag--blue",
    MultiAgencyReferral.Status.DISCUSSED: "govuk-tag--green",
    MultiAgencyReferral.Status.WITHDRAWN: "govuk-tag--grey",
}
_ACTION_TAG = {Action.Status.OPEN: "govuk-tag--blue", Action.Status.DONE: "govuk-tag--green",
               Action.Status.CANCELLED: "govuk-tag--grey"}


@register.inclusion_tag("multiagency/case_panel.html")
def multiagency_panel(case, may_act):
    referrals = list(
        MultiAgencyReferral.objects.filter(case=case).select_related("flagged_by").prefetch_related(
            Prefetch("agenda_items", queryset=AgendaItem.objects.select_related("meeting").order_by("added_at")))
        .order_by("-flagged_at", "-id")
    ) if may_have_rows(case, "multiagency.MultiAgencyReferral") else []
    now = timezone.now()
    agenda_items = [item for referral in referrals for item in referral.agenda_items.all()]
    # Actions are agreed on the case's referrals' agenda items, read just above.
    actions = [(action, _ACTION_TAG.get(action.status, ""), action.commitment.is_overdue(now)) for action in
               Action.objects.filter(agenda_item__in=agenda_items).select_related("owner", "commitment")
               .order_by("due_on", "id")] if agenda_items else []
    latest = referrals[0] if referrals else None
    active = latest is not None and latest.status in (MultiAgencyReferral.Status.FLAGGED,
                                                      MultiAgencyReferral.Status.LISTED)
    return {
        "case": case,
        "may_act": may_act,
        "latest": latest,
        "status_tag": _STATUS_TAG.get(latest.status, "") if latest else "",
        "earlier": referrals[1:],
        "meetings": [item.meeting for item in agenda_items],
        "actions": actions,
        "may_flag": may_act and not active,
        "may_withdraw": may_act and latest is not None and latest.status == MultiAgencyReferral.Status.FLAGGED,
    }
