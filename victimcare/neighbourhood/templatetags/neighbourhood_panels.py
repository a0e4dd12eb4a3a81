"""The neighbourhood panel on the police case page: which team was told, when, whether it acknowledged
(or when that is due), and the local action it noted. One query, the notices with their team, ward and
commitment and whether each noted any action; a second, their actions, only when one did (most never do)."""

from django import template
from django.db.models import Exists, OuterRef, Prefetch, prefetch_related_objects
from django.utils import timezone

from victimcare.cases import access
from victimcare.neighbourhood.models import IncidentNotice, LocalAction

register = template.Library()


@register.inclusion_tag("neighbourhood/case_panel.html", takes_context=True)
def neighbourhood_panel(context, case, may_act):
    notices = list(IncidentNotice.objects.filter(crime_id=case.crime_id).select_related(
        "team", "ward", "commitment", "acknowledged_by").annotate(
        noted_action=Exists(LocalAction.objects.filter(notice=OuterRef("pk")))))
    for notice in notices:
        if not notice.noted_action:  # nothing to read: the panel says none noted yet
            notice._prefetched_objects_cache = {"local_actions": LocalAction.objects.none()}
    prefetch_related_objects([n for n in notices if n.noted_action],
                             Prefetch("local_actions", queryset=LocalAction.objects.select_related("noted_by")))
    now = timezone.now()
    rows = [{"notice": n, **n.acknowledgement(now)} for n in notices]
    request = context.get("request")
    # Only asked when no team was told: a supervisor of the case's unit may see every incident like it.
    may_see_unrouted = not rows and request is not None and access.supervises(request.user, case)
    return {"case": case, "rows": rows, "may_see_unrouted": may_see_unrouted}
