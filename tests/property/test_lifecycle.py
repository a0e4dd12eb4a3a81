"""From no longer needed to returned or, unclaimed, disposed of: the return commitment and the disposal rule."""

import datetime as dt
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from tests.property.conftest import seize
from victimcare.cases.models import TimelineEvent
from victimcare.charter.models import Commitment
from victimcare.property import services
from victimcare.property.models import KeptInstead, PropertyItem
from victimcare.property.rules import DisposalRule
from victimcare.property.services import DISPOSAL_REASON, PropertyError
from victimcare.property.tasks import sweep_property_disposals

pytestmark = pytest.mark.django_db
Kind = TimelineEvent.Kind
LONDON = ZoneInfo("Europe/London")


def at(*parts) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=LONDON)


def test_no_longer_needed_opens_the_return_commitment(item, officer):
    moment = at(2026, 12, 24, 10, 0)  # Christmas Eve, a Thursday: 10 working days skip 25, 28 Dec and 1 Jan
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: moment)
        services.mark_no_longer_needed(item, actor=officer, at=moment)
    item.refresh_from_db()
    commitment = item.return_commitment
    assert (item.status, commitment.kind, commitment.status) == ("no_longer_needed", "property_return", "open")
    assert commitment.owner_organisation == item.case.unit and commitment.owner_person == officer
    assert timezone.localtime(commitment.due_at).date() == dt.date(2027, 1, 12)
    assert TimelineEvent.objects.filter(case=item.case, kind=Kind.PROPERTY_NO_LONGER_NEEDED).count() == 1


@override_settings(CHARTER_DEADLINES={"property_return_working_days": 3})
def test_the_return_due_time_is_configurable(item, officer):
    services.mark_no_longer_needed(item, actor=officer, at=at(2026, 11, 2, 9, 0))  # a Monday
    item.refresh_from_db()
    assert timezone.localtime(item.return_commitment.due_at).date() == dt.date(2026, 11, 5)


def test_a_photograph_kept_instead_is_recorded_only_if_allowed(case, officer):
    allowed = seize(case, officer, reference="OP/1", photographs_allowed=True)
    services.mark_no_longer_needed(allowed, actor=officer, kept_instead=KeptInstead.PHOTOGRAPH)
    allowed.refresh_from_db()
    assert allowed.kept_instead == "photograph"
    refused = seize(case, officer, reference="OP/2", photographs_allowed=False)
    with pytest.raises(PropertyError) as caught:
        services.mark_no_longer_needed(refused, actor=officer, kept_instead=KeptInstead.COPY)
    assert caught.value.field == "kept_instead"
    refused.refresh_from_db()
    assert refused.status == "held" and refused.return_commitment is None


def test_return_arranged_and_returned_meets_the_commitment(item, officer):
    services.mark_no_longer_needed(item, actor=officer)
    services.record_owner_told(item, actor=officer, how="Phoned the owner")
    services.arrange_return(item, actor=officer, on=timezone.localdate() + dt.timedelta(days=2),
                            place="Newport Central front counter")
    services.record_returned(item, actor=officer)
    item.refresh_from_db()
    assert item.status == "returned"
    assert item.return_commitment.status == Commitment.Status.MET
    last = item.custody.last()
    assert (last.movement, last.from_place, last.to_place) == ("returned_to_owner", "With the officer",
                                                               item.owner_name)
    kinds = list(TimelineEvent.objects.filter(case=item.case, kind__startswith="property_").order_by("id")
                 .values_list("kind", flat=True))
    assert kinds == ["property_seized", "property_no_longer_needed", "property_owner_told",
                     "property_return_arranged", "property_returned"]


def test_review_sets_the_next_review_date(item, officer):
    services.review_item(item, actor=officer, next_review=timezone.localdate() + dt.timedelta(days=60))
    item.refresh_from_db()
    assert item.review_on == timezone.localdate() + dt.timedelta(days=60)
    with pytest.raises(PropertyError) as caught:
        services.review_item(item, actor=officer, next_review=timezone.localdate())
    assert caught.value.field == "next_review"


def test_an_item_released_for_return_and_then_left(case, officer, property_officer, store):
    """Owner told on 15 January 2026: warnings 28 days (18 December) and 7 days (8 January 2027) before the
    12-month date (15 January 2027), each once; disposal allowed from that date and recorded."""
    item = seize(case, officer, store, at=at(2025, 12, 1, 10, 0))
    services.mark_no_longer_needed(item, actor=officer, at=at(2026, 1, 12, 9, 0))
    item = services.record_owner_told(item, actor=officer, how="Letter to the owner", at=at(2026, 1, 15, 11, 0))
    assert services.disposal_date(item) == dt.date(2027, 1, 15)

    assert services.sweep_disposal_warnings(at(2026, 12, 17, 23, 0)) == 0
    assert services.sweep_disposal_warnings(at(2026, 12, 18, 6, 0)) == 1
    assert services.sweep_disposal_warnings(at(2026, 12, 18, 7, 0)) == 0  # twice: once only
    assert services.sweep_disposal_warnings(at(2027, 1, 7, 12, 0)) == 0
    assert services.sweep_disposal_warnings(at(2027, 1, 8, 6, 0)) == 1
    assert services.sweep_disposal_warnings(at(2027, 1, 9, 6, 0)) == 0
    warnings = TimelineEvent.objects.filter(case=case, kind=Kind.PROPERTY_DISPOSAL_WARNING).order_by("occurred_at")
    assert [(w.data["days"], w.data["disposal_on"]) for w in warnings] == [(28, "2027-01-15"), (7, "2027-01-15")]
    item.refresh_from_db()
    assert item.disposal_warnings == [28, 7]

    with pytest.raises(PropertyError) as caught:
        services.dispose_item(item, actor=property_officer, at=at(2027, 1, 14, 16, 0))
    assert str(caught.value) == "The item cannot be disposed of before 15/01/2027"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: at(2027, 1, 15, 10, 0))
        services.dispose_item(item, actor=property_officer, at=at(2027, 1, 15, 9, 0))
    item.refresh_from_db()
    assert item.status == PropertyItem.Status.DISPOSED
    assert (item.return_commitment.status, item.return_commitment.waive_reason) == ("waived", DISPOSAL_REASON)
    assert item.custody.last().movement == "disposed"
    assert TimelineEvent.objects.filter(case=case, kind=Kind.PROPERTY_DISPOSED).count() == 1
    assert services.sweep_disposal_warnings(at(2027, 1, 16, 6, 0)) == 0


@override_settings(PROPERTY_DISPOSAL_RULE={"months": 3, "warn_days_before": [14]})
def test_the_disposal_rule_is_configurable(item, officer):
    services.mark_no_longer_needed(item, actor=officer, at=at(2026, 1, 12, 9, 0))
    item = services.record_owner_told(item, actor=officer, how="Phone", at=at(2026, 1, 15, 11, 0))
    assert services.disposal_date(item) == dt.date(2026, 4, 15)
    assert services.sweep_disposal_warnings(at(2026, 4, 1, 6, 0)) == 1
    assert TimelineEvent.objects.get(kind=Kind.PROPERTY_DISPOSAL_WARNING).data["days"] == 14


def test_the_sweep_task_and_command_record_once(item, officer):
    services.mark_no_longer_needed(item, actor=officer, at=at(2026, 1, 12, 9, 0))
    services.record_owner_told(item, actor=officer, how="Phone", at=at(2026, 1, 15, 11, 0))
    result = sweep_property_disposals.enqueue(at(2027, 1, 10, 6, 0).isoformat())
    assert result.return_value == 2  # both warnings were due and not recorded
    out = StringIO()
    call_command("property_disposal_sweep", "--now", at(2027, 1, 10, 7, 0).isoformat(), stdout=out)
    assert out.getvalue().strip() == "Recorded 0 disposal warning(s)."
    assert TimelineEvent.objects.filter(kind=Kind.PROPERTY_DISPOSAL_WARNING).count() == 2


def test_disposal_rule_setting_is_validated():
    with pytest.raises(ValueError, match="Unknown PROPERTY_DISPOSAL_RULE setting"):
        DisposalRule.from_setting({"month": 12})
    with pytest.raises(ValueError, match="PROPERTY_DISPOSAL_RULE months"):
        DisposalRule.from_setting({"months": 0})
    with pytest.raises(ValueError, match="PROPERTY_DISPOSAL_RULE warn_days_before"):
        DisposalRule.from_setting({"warn_days_before": [28, "7"]})
    assert DisposalRule().disposal_date(dt.date(2024, 2, 29)) == dt.date(2025, 2, 28)


@override_settings(PROPERTY_DISPOSAL_RULE={"weeks": 3})
def test_a_bad_setting_stops_the_system():
    from victimcare.property.checks import check_disposal_rule

    errors = check_disposal_rule()
    assert [error.id for error in errors] == ["property.E001"]
    assert "weeks" in errors[0].msg
