"""The property pages in a browser, in English and Welsh: they look like GOV.UK, axe-core finds no serious or
critical violation, and the screenshots are saved for review. Then an item from seizure to return, in English and
in Welsh with the same checks on every page, and the property officer's register views."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from tests.browser.conftest import (
    check_accessibility,
    check_looks_like_govuk,
    screenshot,
    sign_in_as,
    use_language,
)
from tests.browser.test_journey import Journey
from victimcare.cases.models import TimelineEvent
from victimcare.cases.timeline import describe
from victimcare.property import services
from victimcare.property.models import Movement, PropertyItem, Reason, Store

pytestmark = pytest.mark.browser


@pytest.fixture
def stores(unit):
    force = unit.parent
    return [Store.objects.create(code="newport-central", name_en="Newport Central property store",
                                 name_cy="Storfa eiddo Canol Casnewydd", force=force),
            Store.objects.create(code="ystrad-mynach", name_en="Ystrad Mynach property store",
                                 name_cy="Storfa eiddo Ystrad Mynach", force=force)]


def _item(scene, personas, stores, reference="OP/1", days_ago=20):
    at = timezone.now() - dt.timedelta(days=days_ago)
    item = services.seize_item(
        scene["case"], actor=personas["officer"], exhibit_reference=reference, description="Black Samsung phone",
        owner_is_victim=True, reason=Reason.EVIDENCE, photographs_allowed=True,
        review_on=timezone.localdate() - dt.timedelta(days=2), taken_from="12 High Street, Newport",
        to_place="With the officer", at=at)
    services.record_movement(item, Movement.BOOKED_IN, actor=personas["property_officer"],
                             at=at + dt.timedelta(hours=3), from_place="With the officer", to_store=stores[0],
                             to_place="Shelf B3")
    return PropertyItem.objects.get(pk=item.pk)


def _url(name, item):
    return reverse(f"property:{name}", kwargs={"item_id": item.pk})


def register(page, context, live_server, personas, scene, stores):
    _item(scene, personas, stores)
    waiting = _item(scene, personas, stores, reference="OP/2")
    services.mark_no_longer_needed(waiting, actor=personas["officer"], at=timezone.now() - dt.timedelta(days=20))
    sign_in_as(context, live_server, personas["property_officer"])
    page.goto(reverse("property:register"))


def item_page(page, context, live_server, personas, scene, stores):
    item = _item(scene, personas, stores)
    sign_in_as(context, live_server, personas["property_officer"])
    page.goto(_url("item", item))


def seize_errors(page, context, live_server, personas, scene, stores):
    sign_in_as(context, live_server, personas["officer"])
    page.goto(reverse("property:seize", kwargs={"case_id": scene["case"].pk}))
    page.locator("main button[type=submit]").click()
    page.wait_for_selector(".govuk-error-summary")


def move_gap(page, context, live_server, personas, scene, stores):
    item = _item(scene, personas, stores)
    sign_in_as(context, live_server, personas["property_officer"])
    page.goto(_url("move", item))
    page.locator("#id_movement-2").check()  # moved
    page.fill("#id_from_place", "The front counter")
    page.select_option("#id_from_store", "")
    page.select_option("#id_to_store", str(stores[1].pk))
    page.locator("main button[type=submit]").click()
    page.wait_for_selector(".govuk-error-summary")


def _form(name):
    def open_form(page, context, live_server, personas, scene, stores):
        item = _item(scene, personas, stores)
        if name != "no-longer-needed" and name != "review":
            services.mark_no_longer_needed(item, actor=personas["officer"])
        sign_in_as(context, live_server, personas["officer"])
        page.goto(_url(name, item))
    return open_form


def dispose_form(page, context, live_server, personas, scene, stores):
    item = _item(scene, personas, stores, days_ago=500)
    services.mark_no_longer_needed(item, actor=personas["officer"], at=timezone.now() - dt.timedelta(days=420))
    services.record_owner_told(item, actor=personas["officer"], how="Letter",
                               at=timezone.now() - dt.timedelta(days=400))
    sign_in_as(context, live_server, personas["property_officer"])
    page.goto(_url("dispose", item))


PAGES = {
    "property-register": (register, {"en": "Awaiting return", "cy": "Yn aros i'w dychwelyd"}),
    "property-item": (item_page, {"en": "Chain of custody", "cy": "Cadwyn gadw"}),
    "property-seize-errors": (seize_errors, {"en": "Enter the exhibit reference",
                                             "cy": "Rhowch gyfeirnod yr arddangosyn"}),
    "property-move-gap": (move_gap, {"en": "a movement must start where the last one ended",
                                     "cy": "rhaid i symudiad ddechrau lle daeth yr un diwethaf i ben"}),
    "property-review": (_form("review"), {"en": "Next review date", "cy": "Dyddiad adolygu nesaf"}),
    "property-no-longer-needed": (_form("no-longer-needed"), {"en": "Is anything kept instead of the original?",
                                                               "cy": "A gedwir unrhyw beth yn lle'r gwreiddiol?"}),
    "property-owner-told": (_form("owner-told"), {"en": "How was the owner told?",
                                                  "cy": "Sut y dywedwyd wrth y perchennog?"}),
    "property-arrange-return": (_form("arrange-return"), {"en": "Where will it be returned?",
                                                          "cy": "Ble y caiff ei dychwelyd?"}),
    "property-returned": (_form("returned"), {"en": "Record the return to the owner",
                                              "cy": "Cofnodi'r dychwelyd i'r perchennog"}),
    "property-dispose": (dispose_form, {"en": "Police (Property) Regulations 1997",
                                        "cy": "Reoliadau'r Heddlu (Eiddo) 1997"}),
}


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("name", list(PAGES))
def test_page(page, context, live_server, personas, scene, stores, name, language):
    open_page, expected = PAGES[name]
    use_language(context, live_server, language)
    open_page(page, context, live_server, personas, scene, stores)
    screenshot(page, f"{name}-{language}")
    assert expected[language] in page.locator("main").inner_text()
    check_looks_like_govuk(page, language)
    check_accessibility(page, f"{name} ({language})")


def said(language: str, text: str) -> str:
    """What the page says for `text` in `language` (the catalogue's words, so the test reads both)."""
    with translation.override(language):
        return gettext(text)


def _date(page, field, day):
    page.fill(f"#id_{field}", str(day.day))
    page.fill(f"#id_{field}_1", str(day.month))
    page.fill(f"#id_{field}_2", str(day.year))


def _when(page, minutes_ago):
    moment = timezone.localtime() - dt.timedelta(minutes=minutes_ago)
    _date(page, "on", moment.date())
    page.fill("#id_time", moment.strftime("%H:%M"))


@pytest.mark.parametrize("language", ["en", "cy"])
def test_an_item_from_seizure_to_return(page, context, live_server, personas, scene, stores, language):
    """Every page of the journey looks like GOV.UK and passes axe-core, in English and in Welsh."""
    case = scene["case"]
    detail = reverse("cases:detail", kwargs={"case_id": case.pk})
    court_section = reverse("cases:court", kwargs={"case_id": case.pk})
    journey = Journey(page, context, live_server, language)
    journey.as_user(personas["officer"])
    journey.go(detail, "property-case")
    journey.follow(court_section, "property-case-court-section")  # the sub navigation's "Court and property"
    journey.follow(reverse("property:seize", kwargs={"case_id": case.pk}), "property-seize")
    page.fill("#id_exhibit_reference", "op/12")
    page.fill("#id_description", "Red mountain bicycle")
    page.check("input[name=reason][value=evidence]")
    page.check("input[name=owner][value=victim]")
    page.check("input[name=photographs_allowed][value=yes]")
    page.fill("#id_taken_from", "Garden of 3 Bridge Street")
    _when(page, 30)
    _date(page, "review_on", timezone.localdate() + dt.timedelta(days=28))
    journey.submit("property-item-seized", "/property/items/*/")
    assert said(language, "Item %(reference)s added to the property register.") % {"reference": "OP/12"} \
        in journey.success()
    item = PropertyItem.objects.get(exhibit_reference="OP/12")
    page_of_item = _url("item", item)

    journey.as_user(personas["property_officer"])
    journey.go(page_of_item, "property-item")
    journey.follow(_url("move", item), "property-book-in")
    page.check("input[name=movement][value=booked_in]")
    _when(page, 20)
    page.select_option("#id_to_store", str(stores[0].pk))
    page.fill("#id_to_place", "Cage 2")
    journey.submit("property-booked-in", page_of_item)
    assert said(language, "Movement recorded.") in journey.success()
    journey.follow(_url("move", item), "property-move")
    page.check("input[name=movement][value=moved]")
    _when(page, 10)
    page.select_option("#id_to_store", str(stores[1].pk))
    page.fill("#id_to_place", "Bay 4")
    journey.submit("property-moved", page_of_item)
    assert said(language, "Movement recorded.") in journey.success()

    journey.as_user(personas["officer"])
    journey.go(page_of_item, "property-item-for-the-officer")
    journey.follow(_url("no-longer-needed", item), "property-no-longer-needed")
    page.check("input[name=kept_instead][value=photograph]")
    journey.submit("property-released", page_of_item)
    assert said(language, "The item is no longer needed: return it to its owner.") in journey.success()
    journey.follow(_url("owner-told", item), "property-owner-told")
    page.fill("#id_how", "Phoned the victim")  # just now: the time shown
    journey.submit("property-owner-was-told", page_of_item)
    assert said(language, "Recorded that the owner was told.") in journey.success()
    journey.follow(_url("arrange-return", item), "property-arrange-return")
    _date(page, "return_on", timezone.localdate())
    page.fill("#id_place", "Ystrad Mynach front counter")
    journey.submit("property-return-arranged", page_of_item)
    assert said(language, "Return arranged.") in journey.success()
    journey.follow(_url("returned", item), "property-returned")
    journey.submit("property-item-returned", page_of_item)
    assert said(language, "Return to the owner recorded.") in journey.success()
    custody = page.locator("table").inner_text()
    with translation.override(language):
        movements = [str(Movement(movement).label) for movement in ("seized", "booked_in", "moved",
                                                                    "returned_to_owner")]
    for text in (*movements, "Cage 2", "Bay 4"):
        assert text in custody
    item.refresh_from_db()
    assert item.status == "returned" and item.return_commitment.status == "met"
    assert [entry.sequence for entry in item.custody.all()] == [1, 2, 3, 4]

    journey.go(court_section, "property-case-after-return")
    assert page.locator(f"#property + table a[href='{page_of_item}']").inner_text() == "OP/12"
    journey.follow(reverse("cases:timeline", kwargs={"case_id": case.pk}), "property-case-timeline")
    timeline = page.locator(".moj-timeline").inner_text()
    steps = TimelineEvent.objects.filter(case=case, kind__startswith="property_")
    assert {event.kind for event in steps} >= {"property_seized", "property_moved", "property_no_longer_needed",
                                               "property_owner_told", "property_return_arranged", "property_returned"}
    with translation.override(language):
        for event in steps:
            assert describe(event, case).description in timeline, event.kind
    assert len(journey.visited) == 20


def test_the_property_officers_register_views(page, context, live_server, personas, scene, stores):
    _item(scene, personas, stores, reference="OP/1")
    waiting = _item(scene, personas, stores, reference="OP/2")
    services.mark_no_longer_needed(waiting, actor=personas["officer"], at=timezone.now() - dt.timedelta(days=20))
    sign_in_as(context, live_server, personas["property_officer"])
    page.goto(reverse("property:register"))
    assert "OP/2" in page.locator("main table").inner_text()
    page.get_by_role("link", name="Overdue returns (1)").click()
    assert "OP/2" in page.locator("main table").inner_text()
    page.get_by_role("link", name="Past review date (1)").click()
    assert "OP/1" in page.locator("main table").inner_text()
    screenshot(page, "property-register-review")
    page.select_option("#store", "ystrad-mynach")
    page.get_by_role("button", name="Show").click()
    assert "No items." in page.locator("main").inner_text()
