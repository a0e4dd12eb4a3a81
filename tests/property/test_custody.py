"""The chain of custody: only added to, never edited, reordered or deleted; a gap, an out-of-order or future
entry, anything after the item left police hands and a movement its state does not allow are refused with an
error naming the field. Through the services, the model itself, the queryset, raw SQL (database triggers, on
SQLite and PostgreSQL) and the admin."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, connection, models, transaction
from django.urls import reverse
from django.utils import timezone

from tests.property.conftest import seize
from tests.triggers import triggers_on
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
    """Two writers that both read sequence 1 as the last, so both pass save()'s check: the database refuses the
    second insert of number 2."""
    book_in(item, property_officer, store)
    racing = CustodyEntry(item=item, sequence=2, movement=Movement.BOOKED_IN, actor=property_officer,
                          at=timezone.now(), from_place="With the officer", to_store=store)
    with pytest.raises(IntegrityError), transaction.atomic():
        models.Model.save(racing)  # past the check, as the racing writer got
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


# --- Every route into the table: the model, the queryset, raw SQL, the admin ------------------------------
TRIGGERS = {"property_custodyentry_no_update", "property_custodyentry_no_delete"}


def following(item, user, store, **overrides) -> dict:
    """The fields of an entry that would rightly follow the seizure (booked in from the officer, a minute later)."""
    return {"item": item, "sequence": 2, "movement": Movement.BOOKED_IN, "actor": user,
            "at": item.seized_at + dt.timedelta(minutes=1), "from_place": "With the officer", "to_store": store,
            "to_place": "Shelf B3", **overrides}


def refused_by_the_model(call) -> dict:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


def triggers_on_the_custody_table() -> set[str]:
    return triggers_on(CustodyEntry._meta.db_table)


def test_the_model_takes_the_next_entry_in_order(item, property_officer, store):
    CustodyEntry.objects.create(**following(item, property_officer, store))
    CustodyEntry(**following(item, property_officer, store, sequence=3, movement=Movement.MOVED,
                             from_store=store, from_place="shelf  b3", to_place="Bay 4")).save()
    assert [(e.sequence, e.movement) for e in item.custody.all()] == [(1, "seized"), (2, "booked_in"), (3, "moved")]


@pytest.mark.parametrize("sequence", [7, 3, 1, 0])
def test_the_model_refuses_an_entry_out_of_sequence(item, property_officer, store, sequence):
    errors = refused_by_the_model(lambda: CustodyEntry.objects.create(
        **following(item, property_officer, store, sequence=sequence)))
    assert errors == {"sequence": [f"Entry {sequence} is out of sequence: the next entry in this item's chain of "
                                   "custody is number 2."]}
    assert item.custody.count() == 1


def test_the_model_refuses_an_entry_before_the_last_one(item, property_officer, store):
    earlier = item.seized_at - dt.timedelta(hours=2)
    errors = refused_by_the_model(lambda: CustodyEntry.objects.create(
        **following(item, property_officer, store, at=earlier)))
    assert list(errors) == ["at"] and errors["at"][0].startswith("The entry is out of order:")
    assert item.custody.count() == 1


def test_the_model_refuses_a_gap_in_where_the_item_was(item, property_officer, store):
    errors = refused_by_the_model(lambda: CustodyEntry(
        **following(item, property_officer, store, from_place="The front counter")).save())
    assert errors == {"from_place": ["The item was last recorded at With the officer: a movement must start where "
                                     "the last one ended."]}


def test_the_model_refuses_a_movement_that_cannot_follow_the_last(item, property_officer, store):
    errors = refused_by_the_model(lambda: CustodyEntry(
        **following(item, property_officer, store, movement=Movement.RETURNED_FROM_EXAMINATION)).save())
    assert list(errors) == ["movement"]


def test_the_model_refuses_a_first_entry_that_is_not_the_seizure(case, officer, store):
    bare = PropertyItem.objects.create(case=case, force=store.force, exhibit_reference="OP/9", description="Bag",
                                       owner_name="A", reason="evidence", seized_by=officer)
    errors = refused_by_the_model(lambda: CustodyEntry.objects.create(
        item=bare, sequence=1, movement=Movement.BOOKED_IN, actor=officer, at=timezone.now(), from_place="x",
        to_store=store))
    assert errors == {"movement": ["The first entry in a chain of custody must be the seizure."]}
    assert not bare.custody.exists()


def test_bulk_create_is_refused_even_for_a_right_entry(item, property_officer, store):
    with pytest.raises(ValidationError, match="bulk_create is refused"):
        CustodyEntry.objects.bulk_create([CustodyEntry(**following(item, property_officer, store))])
    with pytest.raises(ValidationError, match="bulk_create is refused"):
        item.custody.bulk_create([CustodyEntry(**following(item, property_officer, store))])
    assert item.custody.count() == 1


def test_the_database_has_its_triggers():
    assert triggers_on_the_custody_table() == TRIGGERS


def test_raw_sql_cannot_update_or_delete_an_entry(item, property_officer, store):
    book_in(item, property_officer, store)
    first = item.custody.get(sequence=1)
    assert CustodyEntry._meta.db_table == "property_custodyentry"
    for sql, params, words in (
        ("UPDATE property_custodyentry SET to_place = %s WHERE id = %s", ["Elsewhere", first.pk], "cannot be changed"),
        ("UPDATE property_custodyentry SET sequence = 9 WHERE item_id = %s", [item.pk], "cannot be changed"),
        ("DELETE FROM property_custodyentry WHERE id = %s", [first.pk], "cannot be deleted"),
        ("DELETE FROM property_custodyentry", None, "cannot be deleted"),
    ):
        with pytest.raises(IntegrityError, match=words), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
    assert [(e.sequence, e.movement, e.to_place) for e in item.custody.all()] == [
        (1, "seized", "With the officer"), (2, "booked_in", "Shelf B3")]


def test_the_admin_shows_the_chain_but_cannot_change_it(client, administrator, item, property_officer, store):
    book_in(item, property_officer, store)
    first = item.custody.get(sequence=1)
    client.force_login(administrator)
    listing = client.get(reverse("admin:property_custodyentry_changelist")).content.decode()
    assert "Booked in" in listing and "Shelf B3" in listing
    change = reverse("admin:property_custodyentry_change", args=[first.pk])
    page = client.get(change)
    assert page.status_code == 200 and "12 High Street, Newport" in page.content.decode()
    assert 'name="_save"' not in page.content.decode()  # read-only: nothing to submit
    response = client.post(change, {"item": item.pk, "sequence": 1, "movement": "moved", "to_place": "Elsewhere"})
    assert response.status_code == 403
    assert client.get(reverse("admin:property_custodyentry_add")).status_code == 403
    delete = reverse("admin:property_custodyentry_delete", args=[first.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    first.refresh_from_db()
    assert (first.movement, first.to_place) == ("seized", "With the officer") and item.custody.count() == 2


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_custody_table_and_leaves_its_guard_in_place(case, officer, store):
    """The triggers refuse DELETE, yet flush (which every transactional test's teardown runs) must empty the table,
    and leave the triggers there afterwards."""
    seize(case, officer, store)
    call_command("flush", interactive=False, verbosity=0)
    assert not CustodyEntry.objects.exists() and not PropertyItem.objects.exists()
    assert triggers_on_the_custody_table() == TRIGGERS
