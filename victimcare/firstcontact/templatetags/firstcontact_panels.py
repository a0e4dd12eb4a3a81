"""The firstcontact panel on the case page. The case page includes it; this app decides what it shows."""

from django import template

from victimcare.firstcontact.models import FirstContactAssessment

register = template.Library()


@register.inclusion_tag("firstcontact/case_panel.html", takes_context=True)
def firstcontact_panel(context, case, may_act):
    """The first-contact assessment's main findings and the written acknowledgement. One query."""
    assessment = FirstContactAssessment.objects.filter(case=case).first()
    return {"case": case, "may_act": may_act, "request": context.get("request"), "assessment": assessment}
