"""The "Messages to the victim" panel on the case page: every message queued for the case's victim, what
became of it and, for letters, the PDF. One query whatever the data (at most PANEL_LIMIT rows, newest first)."""

from django import template

from victimcare.cases.page_reads import may_have_rows
from victimcare.notifications.kinds import kind_label
from victimcare.notifications.models import Message

register = template.Library()

PANEL_LIMIT = 20


@register.inclusion_tag("notifications/case_panel.html")
def notifications_panel(case, may_act):
    messages = list(
        Message.objects.filter(case=case, staff_user__isnull=True)
        .only("kind", "channel", "status", "held_reason", "last_error", "attempts", "created_at", "sent_at",
              "next_attempt_at", "case_id")
        .order_by("-created_at", "-id")[:PANEL_LIMIT + 1]
    ) if may_have_rows(case, "notifications.Message") else []
    for message in messages:
        message.what = kind_label(message.kind)
    return {"case": case, "may_act": may_act, "messages": messages[:PANEL_LIMIT],
            "more": len(messages) > PANEL_LIMIT, "limit": PANEL_LIMIT}
