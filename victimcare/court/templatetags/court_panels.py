"""The court panel on the case page: the prosecution, the next hearing and news still to tell the victim,
with links. Two queries whatever the data: the prosecution (with its unit), the hearings and news counts."""

from django import template
from django.db.models import Count, Q
from django.utils import timezone

from victimcare.cases.page_reads import may_have_rows
from victimcare.court.models import Hearing, NewsItem, Prosecution

register = template.Library()


@register.inclusion_tag("court/case_panel.html")
def court_panel(case, may_act):
    prosecution = (Prosecution.objects.filter(case=case).select_related("witness_care_unit").first()
                   if may_have_rows(case, "court.Prosecution") else None)
    context = {"case": case, "may_act": may_act, "prosecution": prosecution}
    if prosecution is None:
        return context
    now = timezone.now()
    context["next_hearing"] = prosecution.hearings.filter(
        starts_at__gte=now, status__in=(Hearing.Status.LISTED, Hearing.Status.MOVED)).order_by("starts_at").first()
    counts = NewsItem.objects.filter(prosecution=prosecution, told_at__isnull=True).aggregate(
        to_tell=Count("pk"), overdue=Count("pk", filter=Q(commitment__due_at__lt=now)))
    context.update(counts)
    return context
