"""The chain of custody: only added to, never edited, reordered or deleted; a gap, an out-of-order or future
entry, anything after the item left police hands and a movement its state does not allow are refused with an
error naming the field."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from tests.property.conftest import seize
from victimcare.cases.models import TimelineEvent
from victimcare.property import services
from victimcare.property.models import CustodyEntry, Movement, PropertyItem
from victimcare.property.services import PropertyError

pytestmark = pytest.mark.django_db
Kind = TimelineEvent.Kind


def book_in(item, user, store, at=None, **kwargs):
    return services.record_movement(item, Movement.BOOKED_IN, actor=user, at=at or timezone.now() - dt.timedelta(
        days=29), from_place=kwargs.pop("from_place", "With the officer"), to_store=store, to_place="Shelf B3",
        **kwargs)


def refused(call) -> PropertyError:
    with pytest.raises(PropertyError) as caught:
        call()
    return caught.value


def test_seizure_starts_the_chain_and_the_timeline(case, officer, store):
    item = seize(case, officer)
    first = item.custody.get()
    assert (first.sequence, first.movement, first.from_place, first.to_place) == (
        1, Movement.SEIZED, "12 High Street, Newport", "With the officer")
    assert item.where == "With the officer"
    event = TimelineEvent.objects.get(case=case, kind=Kind.PROPERTY_SEIZED)
    assert event.data["item"] == item.pk and event.data["exhibit"] == "OP/1"


def test_movements_follow_on_and_keep_the_current_place(item, property_officer, store, other_store):
    book_in(item, property_officer, store)
    services.record_movement(item, Movement.MOVED, actor=property_officer, at=timezone.now() - dt.timedelta(days=2),
                             from_store=store, from_place="shelf b3", to_store=other_store, to_place="Bay 4")
    item.refresh_from_db()
    assert [entry.movement for entry in item.custody.all()] == ["seized", "booked_in", "moved"]
    assert [entry.sequence for entry in item.custody.all()] == [1, 2, 3]
    assert (item.current_store, item.current_place) == (other_store, "Bay 4")
    assert TimelineEvent.objects.filter(case=item.case, kind=Kind.PROPERTY_MOVED).count() == 2


def test_a_gap_in_the_chain_is_refused(item, property_officer, store):
    error = refused(lambda: book_in(item, property_officer, store, from_place="The front counter"))
    assert error.field == "from_place"
    assert str(error) == ("The item was last recorded at With the officer: a movement must start where the last one "
                          "ended")
    assert item.custody.count() == 1


def test_an_entry_before_the_last_one_is_refused(item, property_officer, store):
    error = refused(lambda: book_in(item, property_officer, store, at=item.seized_at - dt.timedelta(minutes=1)))
    assert error.field == "at" and str(error).startswith("The time cannot be before the last entry in the chain")
    assert item.custody.count() == 1


def test_an_entry_in_the_future_is_refused(item, property_officer, store):
    error = refused(lambda: book_in(item, property_officer, store, at=timezone.now() + dt.timedelta(hours=1)))
    assert (error.field, str(error)) == ("at", "The time of a movement cannot be in the future")


def test_the_first_entry_must_be_the_seizure(case, officer, store):
    item = PropertyItem.objects.create(case=case, force=store.force, exhibit_reference="OP/9", description="Bag",
                                       owner_name="A", reason="evidence", seized_by=officer)
    error = refused(lambda: services.add_custody_entry(item, Movement.BOOKED_IN, actor=officer, at=timezone.now(),
                                                       from_place="x", to_store=store))
    assert (error.field, str(error)) == ("movement", "The first entry in a chain of custody must be the seizure")


def test_no_return_from_examination_without_being_sent(item, property_officer):
    error = refused(lambda: services.record_movement(
        item, Movement.RETURNED_FROM_EXAMINATION, actor=property_officer, at=timezone.now(),
        from_place="With the officer", to_place="Shelf"))
    assert (error.field, str(error)) == ("movement", "“Returned from examination” cannot follow “Seized”")


def test_away_for_examination_only_comes_back(item, property_officer, store):
    services.record_movement(item, Movement.SENT_FOR_EXAMINATION, actor=property_officer,
                             at=timezone.now() - dt.timedelta(days=5), from_place="With the officer",
                             to_place="Forensic laboratory, Chepstow")
    error = refused(lambda: services.record_movement(item, Movement.MOVED, actor=property_officer, at=timezone.now(),
                                                     from_place="Forensic laboratory, Chepstow", to_store=store))
    assert error.field == "movement"
    services.record_movement(item, Movement.RETURNED_FROM_EXAMINATION, actor=property_officer, at=timezone.now(),
                             from_place="Forensic laboratory, Chepstow", to_store=store, to_place="Shelf A1")
    assert item.custody.count() == 3


def test_nothing_after_the_return_to_the_owner(item, officer, property_officer, store):
    services.mark_no_longer_needed(item, actor=officer)
    services.record_returned(item, actor=officer)
    error = refused(lambda: services.add_custody_entry(item, Movement.MOVED, actor=property_officer,
                                                       at=timezone.now(), from_place=item.owner_name, to_store=store))
    assert (error.field, str(error)) == ("movement", "Nothing can be recorded after the item was returned to the owner")


def test_return_and_disposal_are_not_ordinary_movements(item, property_officer):
    error = refused(lambda: services.record_movement(item, Movement.DISPOSED, actor=property_officer,
                                                     at=timezone.now(), from_place="With the officer", to_place="x"))
    assert error.field == "movement"
    assert item.custody.count() == 1


def test_where_it_went_is_needed(item, property_officer):
    error = refused(lambda: services.record_movement(item, Movement.MOVED, actor=property_officer, at=timezone.now(),
                                                     from_place="With the officer"))
    assert (error.field, str(error)) == ("to_place", "Enter where the item went")


def test_an_entry_cannot_be_edited(item):
    entry = item.custody.get()
    entry.to_place = "Somewhere else"
    with pytest.raises(ValidationError):
        entry.save()
    with pytest.raises(ValidationError):
        CustodyEntry.objects.filter(pk=entry.pk).update(to_place="Somewhere else")
    assert CustodyEntry.objects.get(pk=entry.pk).to_place == "With the officer"


def test_an_entry_cannot_be_reordered_or_deleted(item, property_officer, store):
    book_in(item, property_officer, store)
    entries = list(item.custody.all())
    with pytest.raises(ValidationError):
        CustodyEntry.objects.filter(item=item).update(sequence=99)
    entries[0].sequence = 2
    with pytest.raises(ValidationError):
        CustodyEntry.objects.bulk_update(entries, ["sequence"])
    with pytest.raises(ValidationError):
        entries[1].delete()
    with pytest.raises(ValidationError):
        CustodyEntry.objects.filter(item=item).delete()
    assert [(e.sequence, e.movement) for e in item.custody.all()] == [(1, "seized"), (2, "booked_in")]


def test_a_racing_double_entry_cannot_take_the_same_sequence(item, property_officer, store):
    """Two writers that both read sequence 1 as the last: the second insert of number 2 is refused."""
    book_in(item, property_officer, store)
    with pytest.raises(IntegrityError), transaction.atomic():
        CustodyEntry.objects.create(item=item, sequence=2, movement=Movement.BOOKED_IN, actor=property_officer,
                                    at=timezone.now(), from_place="With the officer", to_store=store)
    assert item.custody.count() == 2


def test_exhibit_references_are_unique_in_the_force(case, officer):
    seize(case, officer, reference="op/1")
    error = refused(lambda: seize(case, officer, reference="OP/1"))
    assert (error.field, str(error)) == ("exhibit_reference",
                                         "Exhibit reference OP/1 is already on the force's register")
    error = refused(lambda: seize(case, officer, reference="  "))
    assert error.field == "exhibit_reference"
    assert PropertyItem.objects.count() == 1


def test_a_refused_seizure_saves_nothing(case, officer):
    with pytest.raises(PropertyError):
        seize(case, officer, reference="OP/2", at=timezone.now() + dt.timedelta(hours=2))
    assert not PropertyItem.objects.exists() and not CustodyEntry.objects.exists()
    assert not TimelineEvent.objects.filter(kind=Kind.PROPERTY_SEIZED).exists()
