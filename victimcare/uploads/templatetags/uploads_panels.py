"""Panels for uploaded files: photographs on a property item's page, letters and documents on the case page.
One query each."""

from django import template

from victimcare.cases.page_reads import may_have_rows
from victimcare.uploads.models import StoredFile

register = template.Library()
THUMBNAILS_SHOWN = 4


@register.inclusion_tag("uploads/photographs_panel.html")
def photographs_panel(item):
    files = list(StoredFile.objects.current().filter(property_item=item).order_by("uploaded_at", "id"))
    return {"item": item, "shown": files[:THUMBNAILS_SHOWN], "count": len(files)}


@register.inclusion_tag("uploads/documents_panel.html")
def documents_panel(case, may_change):
    """Shown to those who may change the case (its unit's officers and supervisors), who alone see letters."""
    if not may_change:
        return {"may_act": False}
    files = list(StoredFile.objects.current().letters().filter(case=case).order_by("-uploaded_at", "-id")
                 if may_have_rows(case, "uploads.StoredFile") else ())
    return {"case": case, "may_act": True, "files": files[:5], "count": len(files)}
