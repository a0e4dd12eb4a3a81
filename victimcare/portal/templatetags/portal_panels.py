"""The victim portal panel on the case page: the victim's messages awaiting a reply (with a reply form),
complaints to acknowledge, and the survey answers if given. One query (the survey answers) besides the
case's commitments, which it shares with the page (cases.page_reads), and one more for the events that
opened those awaiting an answer, if any."""

from django import template
from django.db.models import prefetch_related_objects

from victimcare.cases.page_reads import may_have_rows, open_commitments
from victimcare.charter.rules import CommitmentKind
from victimcare.satisfaction.models import STAGES, SurveyResponse

register = template.Library()


@register.inclusion_tag("portal/case_panel.html")
def portal_panel(case, may_act, may_change=False):
    """`may_change`: the reader may record on the case even if it is closed (the phone survey)."""
    answered = may_have_rows(case, "satisfaction.SurveyResponse")
    response = SurveyResponse.objects.filter(case=case).first() if answered else None
    answers = []
    if response is not None:
        answers = [(response._meta.get_field(stage).verbose_name, getattr(response, f"get_{stage}_display")())
                   for stage in STAGES]
    awaiting = open_commitments(case, CommitmentKind.VICTIM_MESSAGE_REPLY)
    complaints = open_commitments(case, CommitmentKind.COMPLAINT_ACKNOWLEDGEMENT)
    prefetch_related_objects([*awaiting, *complaints], "opened_by_event")  # the message or complaint itself
    return {"case": case, "may_act": may_act, "may_change": may_change, "awaiting": awaiting,
            "complaints": complaints, "survey": response, "answers": answers}
