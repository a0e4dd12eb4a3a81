"""The victim portal panel on the case page: the victim's messages awaiting a reply (with a reply form),
complaints to acknowledge, and the survey answers if given. Three queries whatever the data."""

from django import template

from victimcare.portal import services
from victimcare.satisfaction.models import STAGES, SurveyResponse

register = template.Library()


@register.inclusion_tag("portal/case_panel.html")
def portal_panel(case, may_act, may_change=False):
    """`may_change`: the reader may record on the case even if it is closed (the phone survey)."""
    response = SurveyResponse.objects.filter(case=case).first()
    answers = []
    if response is not None:
        answers = [(response._meta.get_field(stage).verbose_name, getattr(response, f"get_{stage}_display")())
                   for stage in STAGES]
    return {"case": case, "may_act": may_act, "may_change": may_change, "awaiting": list(services.awaiting_reply(case)),
            "complaints": list(services.complaints_to_acknowledge(case)), "survey": response, "answers": answers}
