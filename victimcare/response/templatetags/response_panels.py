"""The response panel on the case page. The case page includes it; this app decides what it shows."""

from django import template
from django.utils import timezone

from victimcare.cases import access
from victimcare.cases.page_reads import open_commitments
from victimcare.charter.rules import CommitmentKind
from victimcare.frontend.pages import how_long
from victimcare.response.grades import duration_text
from victimcare.response.grades import grade as grade_of

register = template.Library()


@register.inclusion_tag("response/case_panel.html", takes_context=True)
def response_panel(context, case, may_act):
    request = context.get("request")
    responses = open_commitments(case, CommitmentKind.RESPONSE) if case.status == case.Status.OPEN else []
    commitment = responses[0] if responses else None
    user = getattr(request, "user", None)
    found = grade_of(case.response_grade)
    now = timezone.now()
    return {
        "case": case,
        "request": request,
        "commitment": commitment,
        "grade": found,
        "target": duration_text(commitment.detail.get("target_minutes", 0)) if commitment else "",
        "late_by": how_long(now - commitment.due_at) if commitment and commitment.due_at < now else "",
        "may_act": bool(commitment and user is not None and access.may_act_on_response(user, case)),
    }
