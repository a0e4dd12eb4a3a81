"""Referrals that ended (turned down, closed, declined by the victim) before their ending stopped the
sharing with the service left the victim's details shared with it. End that sharing now, as of when
the referral ended, with the reason and a "sharing ended" entry on the timeline, as
support.services._stop_sharing does today."""

from django.db import migrations

# As in victimcare.sharing.services (a migration keeps its own copy: the code may change after it).
REASONS = {
    "rejected": "The service turned the referral down",
    "closed": "The service closed its support",
    "declined_by_victim": "The victim told the service they do not want its support",
}


def end_sharing_of_ended_referrals(apps, schema_editor):
    Referral = apps.get_model("support", "Referral")
    Disclosure = apps.get_model("sharing", "Disclosure")
    TimelineEvent = apps.get_model("cases", "TimelineEvent")
    ended = (Referral.objects.filter(status__in=list(REASONS), disclosure__status="in_force")
             .select_related("case", "disclosure__organisation").order_by("pk"))
    for referral in ended:
        disclosure, reason = referral.disclosure, REASONS[referral.status]
        updated = Disclosure.objects.filter(pk=disclosure.pk, status="in_force").update(
            status="ended", ended_at=referral.updated_at, ended_reason=reason)
        if not updated:
            continue
        organisation = disclosure.organisation
        TimelineEvent.objects.create(
            crime_id=referral.case.crime_id, case_id=referral.case_id, kind="sharing_ended",
            occurred_at=referral.updated_at, actor=None,
            data={"disclosure": disclosure.pk, "organisation": organisation.name_en,
                  "organisation_cy": organisation.name_cy or organisation.name_en, "items": disclosure.items,
                  "lawful_basis": disclosure.lawful_basis, "reason": reason},
        )


class Migration(migrations.Migration):

    dependencies = [
        ("support", "0001_initial"),
        ("sharing", "0001_initial"),
        ("cases", "0003_issue4_groundwork"),
    ]

    operations = [
        migrations.RunPython(end_sharing_of_ended_referrals, migrations.RunPython.noop),
    ]
