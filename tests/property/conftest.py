"""Stores and items for the property tests."""

import datetime as dt

import pytest
from django.utils import timezone

from victimcare.property import services
from victimcare.property.models import Reason, Store


@pytest.fixture
def store(force):
    return Store.objects.create(code="newport-central", name_en="Newport Central property store",
                                name_cy="Storfa eiddo Canol Casnewydd", force=force, address="Cardiff Road, Newport")


@pytest.fixture
def other_store(force):
    return Store.objects.create(code="ystrad-mynach", name_en="Ystrad Mynach property store",
                                name_cy="Storfa eiddo Ystrad Mynach", force=force)


def seize(case, officer, store=None, *, reference="OP/1", at=None, photographs_allowed=True, **extra):
    """An item taken on the case by the officer, carried by them (no store yet) unless `store` is given."""
    at = at or timezone.now() - dt.timedelta(days=30)
    return services.seize_item(
        case, actor=officer, exhibit_reference=reference, description="Black Samsung phone", owner_is_victim=True,
        reason=Reason.EVIDENCE, photographs_allowed=photographs_allowed,
        review_on=timezone.localtime(at).date() + dt.timedelta(days=28), taken_from="12 High Street, Newport",
        to_store=store, to_place="" if store else "With the officer", at=at, **extra,
    )


@pytest.fixture
def item(case, officer):
    return seize(case, officer)
