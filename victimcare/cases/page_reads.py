"""Rows the case page and several of its panels all need, read once per case object and shared.

The case page shows every commitment; the response, contact and portal panels each want a few of them
(the open response, the next update, messages and complaints awaiting an answer). Reading them once and
picking in Python keeps the page's query count fixed. A panel rendered on its own (a test, another page)
reads them the first time it asks.

Most cases have no rows at all in several panels' tables (no prosecution, no property, no survey answers, ...).
The case page's own query asks, with one EXISTS each, which of those tables hold a row of the case, and
those panels skip their query when none does."""

import functools

from django.apps import apps
from django.db import connection
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL

from victimcare.charter.models import Commitment

# Tables a panel reads by case that most cases have no row in: the model, and its field naming the case.
PROBED = {
    "court.Prosecution": "case",
    "property.PropertyItem": "case",
    "uploads.StoredFile": "case",
    "notifications.Message": "case",
    "multiagency.MultiAgencyReferral": "case",
    "support.Referral": "case",
    "satisfaction.SurveyResponse": "case",
    "sharing.Disclosure": "case",
}

_COMMITMENTS = "_page_commitments"
_CONSENT_RECORDS = "_page_consent_records"


def case_commitments(case) -> list[Commitment]:
    """Every commitment of the case, with its owners, due soonest first (ties by id)."""
    commitments = getattr(case, _COMMITMENTS, None)
    if commitments is None:
        commitments = list(case.commitments.select_related("owner_organisation", "owner_person")
                           .order_by("due_at", "id"))
        setattr(case, _COMMITMENTS, commitments)
    return commitments


def open_commitments(case, kind: str) -> list[Commitment]:
    """The case's open commitments of one kind, due soonest first."""
    return [c for c in case_commitments(case) if c.status == Commitment.Status.OPEN and c.kind == kind]


def victim_consent_records(case) -> list:
    """Every consent choice the case's victim made (on any of their cases), newest first: the sharing panel
    shows the latest in each scope, the support panel the history of the choice about support."""
    from victimcare.sharing.models import ConsentRecord

    records = getattr(case, _CONSENT_RECORDS, None)
    if records is None:
        records = list(ConsentRecord.objects.filter(victim_id=case.victim_id)
                       .select_related("organisation", "recorded_by").order_by("-at", "-id"))
        setattr(case, _CONSENT_RECORDS, records)
    return records


def _probe_name(label: str) -> str:
    return "page_has_" + label.replace(".", "_").lower()


def with_row_probes(cases):
    """The cases, each with whether each table in PROBED holds a row of it (one index lookup each)."""
    return cases.annotate(**_probe_annotations())


@functools.cache
def _probe_annotations() -> dict[str, RawSQL]:
    """The probes as SQL written once per process. As Exists() subqueries, the ORM built and compiled eight
    subqueries on every case page: 4 ms of CPU, more than the case's own query."""
    from victimcare.cases.models import Case

    outer = f"{connection.ops.quote_name(Case._meta.db_table)}.{connection.ops.quote_name(Case._meta.pk.column)}"
    probes = {}
    for label, field in PROBED.items():
        model = apps.get_model(label)
        table = connection.ops.quote_name(model._meta.db_table)
        column = connection.ops.quote_name(model._meta.get_field(field).column)
        sql = f"EXISTS (SELECT 1 FROM {table} WHERE {table}.{column} = {outer})"  # noqa: S608 - models' own names  # nosec B608
        probes[_probe_name(label)] = RawSQL(sql, (), output_field=BooleanField())  # noqa: S611 - no outside input  # nosec B611
    return probes


def probe_rows(case) -> None:
    """Ask, in one query, what with_row_probes would have asked with the case (for a case already read)."""
    names = [_probe_name(label) for label in PROBED]
    found = with_row_probes(type(case)._base_manager.filter(pk=case.pk)).values(*names).get()
    for name in names:
        setattr(case, name, found[name])


def may_have_rows(case, label: str) -> bool:
    """False when the case page's probe found no row of the case in the table; True when it found one or when
    the case was read without the probes (the panel then reads as it would)."""
    return getattr(case, _probe_name(label), True)
