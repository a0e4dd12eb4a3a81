"""The property pages: who sees what (404 to anyone else), forms that name the field at fault and save nothing
when wrong, the case panel, and query counts that do not grow with the register."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import OrganisationFactory
from tests.property.conftest import seize
from tests.web.conftest import count_queries
from victimcare.accounts.models import User
from victimcare.cases.models import CaseAccessLog, TimelineEvent
from victimcare.organisations.models import Membership, Organisation
from victimcare.property import services
from victimcare.property.models import CustodyEntry, Movement, PropertyItem

pytestmark = pytest.mark.django_db


def url(name, item):
    return reverse(f"property:{name}", kwargs={"item_id": item.pk})


def date_parts(name, day):
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def when(moment=None):
    moment = timezone.localtime(moment or timezone.now() - dt.timedelta(minutes=5))
    return {**date_parts("on", moment.date()), "time": moment.strftime("%H:%M")}


def test_an_item_from_seizure_to_return_through_the_pages(client, case, officer, property_officer, store):
    client.force_login(officer)
    seize_url = reverse("property:seize", kwargs={"case_id": case.pk})
    assert client.get(seize_url).status_code == 200
    response = client.post(seize_url, {
        "exhibit_reference": "op/7", "description": "Blue bicycle", "owner": "victim", "reason": "evidence",
        "photographs_allowed": "yes", "taken_from": "Garden of 3 Bridge Street", "to_store": "",
        "to_place": "With the officer", **date_parts("review_on", timezone.localdate() + dt.timedelta(days=30)),
        **when(timezone.now() - dt.timedelta(hours=3)),
    })
    item = PropertyItem.objects.get()
    assert response.status_code == 302 and response.url == url("item", item)
    assert item.exhibit_reference == "OP/7" and item.owner_name == case.victim.full_name

    client.force_login(property_officer)
    assert client.get(url("item", item)).status_code == 200
    client.post(url("move", item), {"movement": "booked_in", "from_store": "", "from_place": "With the officer",
                                    "to_store": str(store.pk), "to_place": "Cage 2",
                                    **when(timezone.now() - dt.timedelta(hours=2))})
    assert [e.movement for e in CustodyEntry.objects.filter(item=item)] == ["seized", "booked_in"]

    client.force_login(officer)
    client.post(url("no-longer-needed", item), {"kept_instead": "photograph"})
    client.post(url("owner-told", item), {"how": "Phoned the victim", **when()})
    client.post(url("arrange-return", item), {**date_parts("return_on", timezone.localdate()),
                                              "place": "Newport Central front counter"})
    response = client.post(url("returned", item), {"note": "Collected in person"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.kept_instead, item.return_commitment.status) == ("returned", "photograph", "met")
    page = client.get(url("item", item)).content.decode()
    assert "Returned to the owner" in page and "Cage 2" in page


def test_a_gap_is_refused_on_the_from_field(client, item, property_officer, store):
    client.force_login(property_officer)
    response = client.post(url("move", item), {"movement": "booked_in", "from_store": "",
                                               "from_place": "Front counter", "to_store": str(store.pk),
                                               "to_place": "Cage 2", **when()})
    assert response.status_code == 200
    assert "a movement must start where the last one ended" in response.context["form"].errors["from_place"][0]
    assert 'href="#id_from_place"' in response.content.decode()
    assert CustodyEntry.objects.filter(item=item).count() == 1


def test_a_time_before_the_last_entry_is_refused_on_the_date(client, item, property_officer, store):
    client.force_login(property_officer)
    response = client.post(url("move", item), {"movement": "moved", "from_place": "With the officer",
                                               "to_store": str(store.pk), **when(item.seized_at - dt.timedelta(1))})
    assert response.context["form"].errors["on"][0].startswith("The time cannot be before the last entry")
    assert CustodyEntry.objects.filter(item=item).count() == 1


def test_seizure_form_errors_name_the_fields_and_save_nothing(client, case, officer):
    client.force_login(officer)
    response = client.post(reverse("property:seize", kwargs={"case_id": case.pk}), {"owner": "other", **when()})
    errors = response.context["form"].errors
    for field in ("exhibit_reference", "description", "owner_name", "reason", "photographs_allowed", "taken_from",
                  "to_place", "review_on"):
        assert field in errors, field
    assert not PropertyItem.objects.exists()


def test_who_may_see_an_item(client, item, officer, colleague, supervisor, other_officer, property_officer,
                             call_handler, caseworker):
    for user, status in ((officer, 200), (colleague, 200), (supervisor, 200), (property_officer, 200),
                         (other_officer, 404), (call_handler, 404), (caseworker, 404)):
        client.force_login(user)
        assert client.get(url("item", item)).status_code == status, user.username
    logged = CaseAccessLog.objects.filter(case=item.case, user=property_officer, action="viewed").get()
    assert logged.what == "property item"


def test_the_property_officer_sees_the_item_but_not_the_police_case(client, item, property_officer):
    client.force_login(property_officer)
    for section in ("detail", "court"):
        assert client.get(reverse(f"cases:{section}", kwargs={"case_id": item.case_id})).status_code == 404
    page = client.get(url("item", item)).content.decode()
    assert item.case.crime.reference in page and "Black Samsung phone" in page
    assert item.case.victim.address not in page or not item.case.victim.address
    assert f"/cases/{item.case_id}/" not in page
    assert reverse("property:register") in page


def test_only_the_case_unit_marks_no_longer_needed_and_only_property_officers_dispose(
        client, item, officer, property_officer):
    client.force_login(property_officer)
    assert client.get(url("no-longer-needed", item)).status_code == 403
    assert client.get(url("review", item)).status_code == 403
    client.force_login(officer)
    assert client.get(url("dispose", item)).status_code == 403


def test_disposal_before_the_date_is_refused(client, item, officer, property_officer):
    services.mark_no_longer_needed(item, actor=officer)
    services.record_owner_told(item, actor=officer, how="Phone")
    client.force_login(property_officer)
    response = client.post(url("dispose", item), {})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()[0].startswith("The item cannot be disposed of before")
    item.refresh_from_db()
    assert item.status == "no_longer_needed"


def test_a_double_submission_records_once(client, item, officer):
    client.force_login(officer)
    data = {"kept_instead": "none", "submission_id": "4f9a4c1e-5a2b-4f7e-8a7c-0c3f2b1d9e11"}
    client.post(url("no-longer-needed", item), data)
    client.post(url("no-longer-needed", item), data)
    assert TimelineEvent.objects.filter(kind="property_no_longer_needed").count() == 1


def test_the_register_shows_the_views_by_store(client, case, officer, property_officer, store, other_store):
    held = seize(case, officer, store, reference="OP/1")
    PropertyItem.objects.filter(pk=held.pk).update(review_on=timezone.localdate() - dt.timedelta(days=1))
    waiting = seize(case, officer, other_store, reference="OP/2")
    services.mark_no_longer_needed(waiting, actor=officer, at=timezone.now() - dt.timedelta(days=30))
    client.force_login(property_officer)
    page = client.get(reverse("property:register")).content.decode()
    assert "OP/2" in page and "Overdue" in page and "OP/1" not in page
    page = client.get(reverse("property:register"), {"view": "review"}).content.decode()
    assert "OP/1" in page and "OP/2" not in page
    assert "Past review date</strong>" in client.get(url("item", held)).content.decode()
    page = client.get(reverse("property:register"), {"view": "awaiting", "store": store.code}).content.decode()
    assert "OP/2" not in page
    page = client.get(reverse("property:register"), {"view": "overdue"}).content.decode()
    assert "OP/2" in page
    client.force_login(officer)
    assert client.get(reverse("property:register")).status_code == 403


def test_the_case_panel_lists_the_items(client, item, officer):
    client.force_login(officer)
    court_section = reverse("cases:court", kwargs={"case_id": item.case_id})
    page = client.get(court_section).content.decode()
    assert url("item", item) in page and "Record property taken" in page
    assert reverse("property:seize", kwargs={"case_id": item.case_id}) in page
    for back_from in (url("item", item), reverse("property:seize", kwargs={"case_id": item.case_id})):
        assert f'href="{court_section}" class="govuk-back-link"' in client.get(back_from).content.decode(), back_from


def test_page_query_counts_do_not_grow(client, case, officer, property_officer, store,
                                       django_assert_max_num_queries):
    first = seize(case, officer, store, reference="OP/1")
    services.mark_no_longer_needed(first, actor=officer)
    court_section = reverse("cases:court", kwargs={"case_id": case.pk})
    client.force_login(officer)
    section = count_queries(client, court_section)
    client.force_login(property_officer)
    register = count_queries(client, reverse("property:register"))
    item_page = count_queries(client, url("item", first))
    for n in range(2, 8):
        extra = seize(case, officer, store, reference=f"OP/{n}")
        services.mark_no_longer_needed(extra, actor=officer)
        services.record_movement(extra, Movement.MOVED, actor=property_officer, at=timezone.now(),
                                 from_store=store, to_store=store, to_place=f"Shelf {n}")
    with django_assert_max_num_queries(register):
        client.get(reverse("property:register"))
    with django_assert_max_num_queries(item_page):
        client.get(url("item", extra))
    client.force_login(officer)
    with django_assert_max_num_queries(section):
        assert "OP/7" in client.get(court_section).content.decode()
    print(f"property register: {register} queries; item page: {item_page} queries; "
          f"court and property section: {section} queries")


def test_the_error_summary_follows_the_page_order(client, case, officer):
    client.force_login(officer)
    form = client.post(reverse("property:seize", kwargs={"case_id": case.pk}), {"owner": "other"}).context["form"]
    assert [field.name for field in form.visible_fields() if field.errors] == [
        "exhibit_reference", "description", "reason", "owner_name", "photographs_allowed", "taken_from", "on",
        "time", "to_place", "review_on"]


def test_the_register_logs_each_case_shown_and_another_forces_property_officer_sees_nothing(
        client, item, property_officer):
    services.mark_no_longer_needed(item, actor=item.seized_by)
    client.force_login(property_officer)
    assert "OP/1" in client.get(reverse("property:register")).content.decode()
    assert CaseAccessLog.objects.filter(case=item.case, user=property_officer, what="property register").exists()

    dyfed = OrganisationFactory(code="dyfed-powys", kind=Organisation.Kind.FORCE, name_en="Dyfed-Powys Police")
    stranger = User.objects.create_user(username="other-force-property", password="x")
    Membership.objects.create(user=stranger, organisation=dyfed, role=Membership.Role.PROPERTY_OFFICER)
    client.force_login(stranger)
    assert "OP/1" not in client.get(reverse("property:register")).content.decode()
    assert client.get(url("item", item)).status_code == 404
