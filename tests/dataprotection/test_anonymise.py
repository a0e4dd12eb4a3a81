"""Anonymising a case at the end of retention: the personal data goes, everywhere; the Commissioner's figures
keep every count, live and after `rebuild_figures`; the access log stays as it was, and says what happened."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.dataprotection.conftest import PERSONAL, SEARCHED, rich_case
from tests.dataprotection.helpers import cells, figures_now, text_columns_containing
from tests.factories import CrimeFactory
from victimcare.cases.models import CaseAccessLog, TimelineEvent
from victimcare.cases.services import close_case, open_case
from victimcare.dataprotection.models import RetentionReview
from victimcare.dataprotection.services import DataProtectionError, anonymise_case
from victimcare.equality.models import EqualityAnswers
from victimcare.monitoring.figures import Filters
from victimcare.portal.models import PortalCode
from victimcare.uploads.models import StoredFile
from victimcare.victims.models import Victim

EVER = Filters(start=dt.date(2000, 1, 1), end=dt.date(2100, 1, 1))


def review_of(case):
    return RetentionReview.objects.create(case=case, rule="default", review_on=timezone.localdate())


def test_the_personal_data_is_erased_everywhere_and_the_figures_keep_their_counts(closed_case, information_rights):
    now = timezone.now()
    assert text_columns_containing(SEARCHED), "the set-up must put the victim's details somewhere"
    assert StoredFile.objects.filter(case=closed_case).exists()
    assert EqualityAnswers.objects.filter(victim=closed_case.victim).exists()
    call_command("rebuild_figures", verbosity=0)
    before, cells_before = figures_now(EVER, now), cells()
    log_before = list(CaseAccessLog.objects.order_by("pk").values())

    assert anonymise_case(review_of(closed_case), actor=information_rights) is True

    assert figures_now(EVER, now) == before
    assert cells() == cells_before
    call_command("rebuild_figures", verbosity=0)
    assert figures_now(EVER, now) == before
    assert cells() == cells_before
    assert text_columns_containing(SEARCHED) == []
    victim = Victim.objects.get(pk=closed_case.victim_id)
    assert victim.date_of_birth is None and victim.anonymised_at is not None
    assert not EqualityAnswers.objects.filter(victim=victim).exists()
    assert not PortalCode.objects.filter(case=closed_case).exists()
    assert not StoredFile.objects.filter(case=closed_case).exists()  # the uploaded letter, rows and bytes
    # The access log: every earlier entry untouched, and the erasure itself recorded (never with a personal value).
    log_after = list(CaseAccessLog.objects.order_by("pk").values())
    assert log_after[:len(log_before)] == log_before
    erased = CaseAccessLog.objects.get(case=closed_case, what="retention review: personal data erased")
    assert erased.user == information_rights and erased.action == "changed" and erased.why == "default"
    # The skeleton: the case, its commitments and their outcomes, its dates and place in the figures.
    closed_case.refresh_from_db()
    assert closed_case.closed_at and closed_case.crime.category and closed_case.commitments.count() > 3
    assert TimelineEvent.objects.filter(case=closed_case, kind="case_anonymised").exists()
    assert RetentionReview.objects.get(case=closed_case).status == "anonymised"


def test_a_victim_with_another_case_still_kept_keeps_their_own_details(closed_case, information_rights, officer,
                                                                         call_handler):
    other = open_case(victim=closed_case.victim, crime=CrimeFactory(), unit=closed_case.unit, officer=officer,
                      recorded_by=call_handler)
    assert anonymise_case(review_of(closed_case), actor=information_rights) is False
    victim = Victim.objects.get(pk=closed_case.victim_id)
    assert victim.given_name == PERSONAL["given_name"] and victim.anonymised_at is None
    assert EqualityAnswers.objects.filter(victim=victim).exists()
    # The case's own free text is gone all the same.
    notes = [event.data for event in TimelineEvent.objects.filter(case=closed_case, kind="key_decision")]
    assert notes and all(PERSONAL["phone"] not in str(data) for data in notes)
    # When the last case goes, so do the victim's details.
    close_case(other, actor=officer)
    assert anonymise_case(review_of(other), actor=information_rights) is True
    assert Victim.objects.get(pk=victim.pk).given_name == ""


def test_only_a_waiting_review_of_a_closed_case_can_be_anonymised(victim, unit, personas, information_rights):
    case, _made = rich_case(victim, unit, personas, close=False)
    review = review_of(case)
    with pytest.raises(DataProtectionError, match="case:"):
        anonymise_case(review, actor=information_rights)
    assert Victim.objects.get(pk=victim.pk).given_name == PERSONAL["given_name"]
    assert text_columns_containing(SEARCHED)  # nothing half-erased
    RetentionReview.objects.filter(pk=review.pk).update(status="kept")
    close_case(case, actor=personas["officer"])
    with pytest.raises(DataProtectionError, match="status:"):
        anonymise_case(review, actor=information_rights)


def test_the_access_log_never_holds_the_victims_details(closed_case, information_rights):
    """The log can never be erased, so nothing written to it may be personal: checked over a rich case's whole
    history, a correction and an erasure."""
    from victimcare.dataprotection.services import correct_personal_details

    correct_personal_details(closed_case.victim, changes={"phone": "07700 900999"}, reason="New phone",
                             actor=information_rights)
    anonymise_case(review_of(closed_case), actor=information_rights)
    rows = CaseAccessLog.objects.values_list("what", "why")
    assert rows
    for what, why in rows:
        for value in (*SEARCHED, "07700 900999", "New phone"):
            assert value.lower() not in f"{what} {why}".lower(), (what, why)
