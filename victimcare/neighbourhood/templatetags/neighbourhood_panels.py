"""The neighbourhood panel on the police case page: which team was told, when, whether it acknowledged
(or when that is due), and the local action it noted. Two queries whatever the data: the notices with
their team, ward and commitment, and their local actions."""

from django import template
from django.db.models import Prefetch
from django.utils import timezone

from victimcare.cases import access
from victimcare.neighbourhood.models import IncidentNotice, LocalAction

register = template.Library()


@register.inclusion_tag("neighbourhood/case_panel.html", takes_context=True)
def neighbourhood_panel(context, case, may_act):
    notices = IncidentNotice.objects.filter(crime_id=case.crime_id).select_related(
        "team", "ward", "commitment", "acknowledged_by").prefetch_related(
        Prefetch("local_actions", queryset=LocalAction.objects.select_related("noted_by")))
    now = timezone.now()
    rows = [{"notice": n, **n.acknowledgement(now)} for n in notices]
    request = context.get("request")
    # Only asked when no team was told: a supervisor of the case's unit may see every incident like it.
    may_see_unrouted = not rows and request is not None and access.supervises(request.user, case)
    return {"case": case, "rows": rows, "may_see_unrouted": may_see_unrouted}
