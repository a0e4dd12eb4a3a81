"""A long timeline on the case page's Timeline section in a browser, in English and Welsh: the newest entries, then
the whole of it through the link; it looks like GOV.UK and axe-core finds no serious or critical violation."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.browser.conftest import check_accessibility, check_looks_like_govuk, screenshot, sign_in_as, use_language
from tests.web.conftest import make_case
from victimcare.cases.models import TimelineEvent
from victimcare.cases.views import TIMELINE_LATEST

pytestmark = pytest.mark.browser

LINK = {"en": "Show the whole timeline", "cy": "Dangos y llinell amser gyfan"}


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_newest_entries_then_the_whole_timeline(page, context, live_server, scene, unit, officer, call_handler,
                                                    language):
    case = make_case(unit, officer, call_handler)
    now = timezone.now()
    for days_ago in range(1, TIMELINE_LATEST + 6):
        TimelineEvent.objects.create(crime=case.crime, kind=TimelineEvent.Kind.OUTCOME,
                                     data={"outcome": "Under investigation"},
                                     occurred_at=now - dt.timedelta(days=days_ago))
    total = TimelineEvent.objects.filter(crime=case.crime).count()
    use_language(context, live_server, language)
    sign_in_as(context, live_server, officer)

    timeline = reverse("cases:timeline", kwargs={"case_id": case.pk})
    page.goto(timeline)
    assert page.locator(".moj-timeline__item").count() == TIMELINE_LATEST
    check_looks_like_govuk(page, language)
    check_accessibility(page, f"case timeline, newest entries ({language})")

    page.get_by_role("link", name=LINK[language]).click()
    page.wait_for_url(f"**{timeline}?timeline=all#timeline")
    assert page.locator(".moj-timeline__item").count() == total
    assert page.get_by_role("link", name=LINK[language]).count() == 0
    screenshot(page, f"case-timeline-whole-{language}")
    check_accessibility(page, f"case timeline, all of it ({language})")
