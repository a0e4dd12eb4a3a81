"""The contact panel on the case page: what was agreed with the victim and when the next update is due.
Two queries: the current agreement, and the case's commitments (shared with the page: cases.page_reads)."""

from django import template
from django.utils import timezone

from victimcare.cases.page_reads import open_commitments
from victimcare.charter.rules import CommitmentKind
from victimcare.contact.services import current_agreement

register = template.Library()


@register.inclusion_tag("contact/case_panel.html", takes_context=True)
def contact_panel(context, case, may_act):
    agreement = current_agreement(case)
    updates = open_commitments(case, CommitmentKind.VICTIM_UPDATE)
    due = updates[0] if updates else None
    return {
        "case": case,
        "may_act": may_act,
        "request": context.get("request"),
        "agreement": agreement,
        "next_update": due,
        "overdue": due is not None and due.is_overdue(timezone.now()),
    }
