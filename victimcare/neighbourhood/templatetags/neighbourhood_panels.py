"""The neighbourhood panel on the police case page: which team was told, when, whether it acknowledged
(or when that is due), and the local action it noted. Two queries whatever the data: the notices with
their team, ward and commitment, and their local actions."""

from django import template
from django.db.models import Prefetch
from django.utils import timezone

from victimcare.neighbourhood.models import IncidentNotice, LocalAction

register = template.Library()


@register.inclusion_tag("neighbourhood/case_panel.html", takes_context=True)
def neighbourhood_panel(context, case, may_act):
    notices = IncidentNotice.objects.filter(crime_id=case.crime_id).select_related(
        "team", "ward", "commitment", "acknowledged_by").prefetch_related(
        Prefetch("local_actions", queryset=LocalAction.objects.select_related("noted_by")))
    now = timezone.now()
    return {"case": case, "rows": [{"notice": n, **n.acknowledgement(now)} for n in notices]}
