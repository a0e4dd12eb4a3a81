"""The demo shows property working: two stores, rhys.parry their property officer, items in every state."""


from django.urls import reverse
from django.utils import timezone

from victimcare.accounts.models import User
from victimcare.cases.models import TimelineEvent
from victimcare.property.models import PropertyItem, Store


def test_two_stores_and_items_in_every_state(demo, db):
    assert set(Store.objects.values_list("name_en", flat=True)) == {"Newport Central property store",
                                                                     "Ystrad Mynach property store"}
    today = timezone.localdate()
    items = list(PropertyItem.objects.select_related("return_commitment"))
    statuses = {item.status for item in items}
    assert statuses == {"held", "no_longer_needed", "return_arranged", "returned", "disposed"}
    held = [item for item in items if item.status == "held"]
    assert any(item.review_on < today for item in held) and any(item.review_on > today for item in held)
    assert any(item.return_commitment and item.return_commitment.is_overdue() for item in items
               if item.status in ("no_longer_needed", "return_arranged"))
    warned = [item for item in items if item.disposal_warnings and item.status != "disposed"]
    assert warned
    assert TimelineEvent.objects.filter(kind=TimelineEvent.Kind.PROPERTY_DISPOSAL_WARNING).count() >= 5
    disposed = PropertyItem.objects.get(status="disposed")
    assert disposed.return_commitment.status == "waived"


def test_rhys_parry_sees_the_register(demo, db, client):
    client.force_login(User.objects.get(username="rhys.parry"))
    page = client.get(reverse("property:register"), {"view": "disposal"}).content.decode()
    assert "Due for disposal" in page and "Warned" in page
