"""Disclosures made for a multi-agency meeting stored an English sentence ("For the multi-agency meeting
... on 05 May 2026") as their summary, which Welsh partners then read in English. Store the facts instead
(Disclosure.context: the meeting, its title and date), which each reader sees in their own language."""

from django.db import migrations
from django.utils import timezone

SENTENCE = "For the multi-agency meeting "


def meeting_facts(apps, schema_editor):
    AgendaItem = apps.get_model("multiagency", "AgendaItem")
    for item in AgendaItem.objects.select_related("meeting").prefetch_related("disclosures").order_by("pk"):
        meeting = item.meeting
        for disclosure in item.disclosures.all():
            if disclosure.context or not disclosure.summary.startswith(SENTENCE):
                continue
            disclosure.context = {"meeting": meeting.pk, "meeting_title": meeting.title,
                                  "meeting_date": timezone.localdate(meeting.held_at).isoformat()}
            disclosure.summary = ""
            disclosure.save(update_fields=["context", "summary"])


class Migration(migrations.Migration):

    dependencies = [
        ("multiagency", "0001_initial"),
        ("sharing", "0002_disclosure_context"),
    ]

    operations = [
        migrations.RunPython(meeting_facts, migrations.RunPython.noop),
    ]
