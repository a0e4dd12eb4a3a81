"""The contact panel on the case page: what was agreed with the victim and when the next update is due.
Two queries: the current agreement, and the next open update commitment."""

from django import template
from django.utils import timezone

from victimcare.contact.services import current_agreement, next_update

register = template.Library()


@register.inclusion_tag("contact/case_panel.html", takes_context=True)
def contact_panel(context, case, may_act):
    agreement = current_agreement(case)
    due = next_update(case)
    return {
        "case": case,
        "may_act": may_act,
        "request": context.get("request"),
        "agreement": agreement,
        "next_update": due,
        "overdue": due is not None and due.is_overdue(timezone.now()),
    }
