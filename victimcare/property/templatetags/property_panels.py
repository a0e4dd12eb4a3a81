"""The property panel on the case page: the case's items, where each is and its status. One query."""

from django import template
from django.utils import timezone

from victimcare.cases.page_reads import may_have_rows
from victimcare.property.models import PropertyItem
from victimcare.property.views import STATUS_TAG

register = template.Library()


@register.inclusion_tag("property/case_panel.html")
def property_panel(case, may_act):
    now = timezone.now()
    items = PropertyItem.objects.filter(case=case).select_related("current_store", "return_commitment").order_by(
        "seized_at", "id") if may_have_rows(case, "property.PropertyItem") else []
    rows = [(item, STATUS_TAG.get(item.status, ""),
             bool(item.return_commitment and item.return_commitment.is_overdue(now))) for item in items]
    return {"case": case, "may_act": may_act, "rows": rows}
