"""The property pages in a browser, in English and Welsh: they look like GOV.UK, axe-core finds no serious or
critical violation, and the screenshots are saved for review. Then an item from seizure to return, and the
property officer's register views."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.browser.conftest import (
    check_accessibility,
    check_looks_like_govuk,
    screenshot,
    sign_in_as,
    use_language,
)
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


def _submit(page, name):
    page.get_by_role("button", name=name).click()
    return page.locator(".govuk-notification-banner--success").inner_text()


def test_an_item_from_seizure_to_return(page, context, live_server, personas, scene, stores):
    case = scene["case"]
    sign_in_as(context, live_server, personas["officer"])
    page.goto(reverse("cases:detail", kwargs={"case_id": case.pk}))
    page.get_by_role("button", name="Record property taken").click()
    page.get_by_label("Exhibit reference").fill("op/12")
    page.get_by_label("Description of the item").fill("Red mountain bicycle")
    page.get_by_label("Evidence").check()
    page.get_by_label("The victim").check()
    page.get_by_label("Yes").check()
    page.get_by_label("Where was it taken from?").fill("Garden of 3 Bridge Street")
    page.fill("#id_time", (timezone.localtime() - dt.timedelta(minutes=30)).strftime("%H:%M"))
    review = timezone.localdate() + dt.timedelta(days=28)
    page.fill("#id_review_on", str(review.day))
    page.fill("#id_review_on_1", str(review.month))
    page.fill("#id_review_on_2", str(review.year))
    assert "Item OP/12 added" in _submit(page, "Add to the property register")
    item = PropertyItem.objects.get(exhibit_reference="OP/12")

    sign_in_as(context, live_server, personas["property_officer"])
    page.goto(_url("item", item))
    page.get_by_role("button", name="Record a movement").click()
    page.get_by_label("Booked in").check()
    page.fill("#id_time", (timezone.localtime() - dt.timedelta(minutes=20)).strftime("%H:%M"))
    page.select_option("#id_to_store", str(stores[0].pk))
    page.get_by_label("To where?").fill("Cage 2")
    assert "Movement recorded." in _submit(page, "Save")
    page.get_by_role("button", name="Record a movement").click()
    page.get_by_label("Moved", exact=True).check()
    page.fill("#id_time", (timezone.localtime() - dt.timedelta(minutes=10)).strftime("%H:%M"))
    page.select_option("#id_to_store", str(stores[1].pk))
    page.get_by_label("To where?").fill("Bay 4")
    assert "Movement recorded." in _submit(page, "Save")

    sign_in_as(context, live_server, personas["officer"])
    page.goto(_url("item", item))
    page.get_by_role("button", name="Mark no longer needed").click()
    page.get_by_label("A photograph is kept instead of the original").check()
    assert "no longer needed" in _submit(page, "Mark no longer needed")
    page.get_by_role("button", name="Record that the owner was told").click()
    page.get_by_label("How was the owner told?").fill("Phoned the victim")  # just now: the time shown
    assert "owner was told" in _submit(page, "Save")
    page.get_by_role("button", name="Arrange the return").click()
    today = timezone.localdate()
    page.fill("#id_return_on", str(today.day))
    page.fill("#id_return_on_1", str(today.month))
    page.fill("#id_return_on_2", str(today.year))
    page.get_by_label("Where will it be returned?").fill("Ystrad Mynach front counter")
    assert "Return arranged." in _submit(page, "Save")
    page.get_by_role("button", name="Record the return to the owner").click()
    assert "Return to the owner recorded." in _submit(page, "Record the return")
    custody = page.locator("table").inner_text()
    for text in ("Seized", "Booked in", "Moved", "Returned to the owner", "Cage 2", "Bay 4"):
        assert text in custody
    screenshot(page, "property-flow-returned")
    item.refresh_from_db()
    assert item.status == "returned" and item.return_commitment.status == "met"

    page.goto(reverse("cases:detail", kwargs={"case_id": case.pk}))
    timeline = page.locator(".moj-timeline").inner_text()
    assert "Property taken: Red mountain bicycle (exhibit OP/12)" in timeline
    assert "Exhibit OP/12 was returned to its owner." in timeline


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
