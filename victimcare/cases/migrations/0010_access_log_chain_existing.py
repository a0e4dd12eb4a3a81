"""Entries written before the chain: each names its case's victim, and all are chained in the order they were
written (id), as victimcare.cases.audit_chain.seal chains new ones."""

from django.db import migrations

from victimcare.cases import audit_chain


def chain_existing(apps, schema_editor):
    CaseAccessLog = apps.get_model("cases", "CaseAccessLog")
    Case = apps.get_model("cases", "Case")
    victims = dict(Case.objects.filter(pk__in=CaseAccessLog.objects.values("case_id")).values_list("pk", "victim_id"))
    for case_id, victim_id in victims.items():
        CaseAccessLog.objects.filter(case_id=case_id, victim_id__isnull=True).update(victim_id=victim_id)
    audit_chain.seal(CaseAccessLog)


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0009_access_log_chain"),
    ]

    operations = [
        migrations.RunPython(chain_existing, migrations.RunPython.noop, elidable=False),
    ]
