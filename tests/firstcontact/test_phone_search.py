"""Phone numbers are compared as digits through an indexed column, however they were typed: no search
reads every victim (at a force's scale that was every victim's row, on every search)."""

import pytest

from tests.factories import VictimFactory
from victimcare.firstcontact.services import likely_matches
from victimcare.victims.models import Victim, phone_digits

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("typed", "digits"), [
    ("07700 900123", "07700900123"),
    ("+44 7700 900123", "07700900123"),
    ("+44 (0)7700-900-123", "07700900123"),
    ("01633 838111", "01633838111"),
    ("", ""),
])
def test_phone_digits(typed, digits):
    assert phone_digits(typed) == digits


def test_a_number_typed_another_way_finds_the_victim(django_assert_max_num_queries):
    victim = VictimFactory(phone="07700 900123")
    VictimFactory.create_batch(5, phone="07700 900999")
    with django_assert_max_num_queries(1):
        found = list(likely_matches(phone="+44 7700 900 123"))
    assert found == [victim]


def test_a_corrected_number_is_searched_by_its_new_digits():
    victim = VictimFactory(phone="07700 900123")
    victim.phone = "07700 900456"
    victim.save(update_fields=["phone"])
    assert Victim.objects.get(pk=victim.pk).phone_digits == "07700900456"
    assert list(likely_matches(phone="07700900456")) == [victim]
