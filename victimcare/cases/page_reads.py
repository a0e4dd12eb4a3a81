"""Rows the case page and several of its panels all need, read once per case object and shared.

The case page shows every commitment; the response, contact and portal panels each want a few of them
(the open response, the next update, messages and complaints awaiting an answer). Reading them once and
picking in Python keeps the page's query count fixed. A panel rendered on its own (a test, another page)
reads them the first time it asks."""

from victimcare.charter.models import Commitment

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
