"""The groups monitoring compares: one code per characteristic for each victim, labels in English and Welsh."""

import datetime as dt

import pytest

from tests.factories import VictimFactory
from victimcare.equality.groups import (
    CHARACTERISTICS,
    characteristic_label,
    group_label,
    groups,
    groups_for,
)
from victimcare.equality.services import record_equality_answers
from victimcare.victims.models import Victim

pytestmark = pytest.mark.django_db
ON = dt.date(2026, 6, 15)


@pytest.mark.parametrize("born, band", [
    (dt.date(2008, 6, 16), "under_18"),  # 17 the day before their 18th birthday
    (dt.date(2008, 6, 15), "18_24"),  # 18 on the day
    (dt.date(2001, 6, 16), "18_24"),
    (dt.date(2001, 6, 15), "25_34"),
    (dt.date(1991, 6, 16), "25_34"),
    (dt.date(1991, 6, 15), "35_44"),
    (dt.date(1981, 6, 15), "45_54"),
    (dt.date(1971, 6, 16), "45_54"),
    (dt.date(1971, 6, 15), "55_64"),
    (dt.date(1961, 6, 16), "55_64"),
    (dt.date(1961, 6, 15), "65_plus"),
    (dt.date(1930, 1, 1), "65_plus"),
    (dt.date(2026, 6, 15), "under_18"),  # born that day
    (dt.date(2026, 6, 16), "not_recorded"),  # not born yet: a wrong date, not a group
    (None, "not_recorded"),
])
def test_age_band_on_the_day(born, band):
    assert groups_for(VictimFactory(date_of_birth=born), ON)["age_band"] == band


def test_a_leap_day_birthday():
    victim = VictimFactory(date_of_birth=dt.date(2008, 2, 29))
    assert groups_for(victim, dt.date(2026, 2, 28))["age_band"] == "under_18"
    assert groups_for(victim, dt.date(2026, 3, 1))["age_band"] == "18_24"


def test_a_datetime_is_taken_in_london_time():
    victim = VictimFactory(date_of_birth=dt.date(2008, 6, 16))
    # 23:30 UTC on the 15th is 00:30 on the 16th in London (British Summer Time): their 18th birthday.
    assert groups_for(victim, dt.datetime(2026, 6, 15, 23, 30, tzinfo=dt.UTC))["age_band"] == "18_24"


def test_no_answers_are_not_recorded():
    found = groups_for(VictimFactory(preferred_language="cy"), ON)
    assert list(found) == list(CHARACTERISTICS)
    assert found == {"age_band": "35_44", "sex": "not_recorded", "ethnicity": "not_recorded",
                     "disability": "not_recorded", "religion": "not_recorded", "sexual_orientation": "not_recorded",
                     "language": "cy"}


def test_answers_blank_and_prefer_not_to_say(officer):
    victim = VictimFactory(preferred_language="other")
    record_equality_answers(victim, answers={"sex": "female", "ethnicity": "prefer_not_to_say", "disability": "",
                                             "religion": "muslim"}, how="staff", actor=officer)
    found = groups_for(Victim.objects.get(pk=victim.pk), ON)
    assert found["sex"] == "female" and found["ethnicity"] == "prefer_not_to_say"
    assert found["disability"] == "not_recorded" and found["sexual_orientation"] == "not_recorded"
    assert found["religion"] == "muslim" and found["language"] == "other"


def test_no_query_when_the_answers_were_loaded_with_the_victim(officer, django_assert_num_queries):
    answered, unanswered = VictimFactory(), VictimFactory()
    record_equality_answers(answered, answers={"sex": "male"}, how="staff", actor=officer)
    victims = list(Victim.objects.filter(pk__in=[answered.pk, unanswered.pk]).select_related("equality")
                   .order_by("pk"))
    prefetched = list(Victim.objects.filter(pk__in=[answered.pk, unanswered.pk]).prefetch_related("equality")
                      .order_by("pk"))
    with django_assert_num_queries(0):
        assert [groups_for(v, ON)["sex"] for v in victims] == ["male", "not_recorded"]
        assert [groups_for(v, ON)["sex"] for v in prefetched] == ["male", "not_recorded"]


def test_groups_in_display_order_with_not_recorded():
    assert groups("age_band") == ["under_18", "18_24", "25_34", "35_44", "45_54", "55_64", "65_plus", "not_recorded"]
    assert groups("sex") == ["female", "male", "prefer_not_to_say", "not_recorded"]
    assert groups("ethnicity") == ["asian", "black", "mixed", "white", "other", "prefer_not_to_say", "not_recorded"]
    assert groups("disability") == ["yes", "no", "prefer_not_to_say", "not_recorded"]
    assert groups("religion") == ["no_religion", "christian", "buddhist", "hindu", "jewish", "muslim", "sikh", "other",
                                  "prefer_not_to_say", "not_recorded"]
    assert groups("sexual_orientation") == ["heterosexual", "gay_or_lesbian", "bisexual", "other",
                                            "prefer_not_to_say", "not_recorded"]
    assert groups("language") == ["en", "cy", "other", "not_recorded"]
    with pytest.raises(ValueError, match="Unknown characteristic"):
        groups("height")


@pytest.mark.parametrize("characteristic", CHARACTERISTICS)
def test_every_label_in_english_and_welsh(characteristic):
    assert characteristic_label(characteristic, "en") != characteristic_label(characteristic, "cy")
    for group in groups(characteristic):
        english, welsh = group_label(characteristic, group, "en"), group_label(characteristic, group, "cy")
        assert english and welsh
        if characteristic != "age_band" or group == "not_recorded":  # "18 i 24" keeps its numbers
            assert english != welsh, (characteristic, group)


def test_labels():
    assert characteristic_label("sexual_orientation", "cy") == "Cyfeiriadedd rhywiol"
    assert group_label("age_band", "65_plus", "en") == "65 and over"
    assert group_label("age_band", "65_plus", "cy") == "65 a throsodd"
    assert group_label("sex", "prefer_not_to_say", "cy") == "Gwell gennyf beidio â dweud"
    assert group_label("language", "cy", "en") == "Welsh"
    with pytest.raises(ValueError, match="Unknown group"):
        group_label("sex", "other", "en")
