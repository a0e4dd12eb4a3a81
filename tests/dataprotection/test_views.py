"""The information rights officer's pages, end to end through the test client: find a victim, record a request,
download the export, correct details (and the case's unit from the case page), work the retention queue. Bad
input gets a clear error naming the field and saves nothing; the pages' queries stay bounded."""

import datetime as dt
import io
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.dataprotection.conftest import PERSONAL
from tests.factories import CrimeFactory, VictimFactory
from tests.web.conftest import in_welsh
from victimcare.cases.models import CaseAccessLog, TimelineEvent
from victimcare.cases.services import open_case
from victimcare.dataprotection.models import RetentionReview, SubjectAccessExport, SubjectAccessRequest
from victimcare.victims.models import Victim

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_client(client, information_rights):
    client.force_login(information_rights)
    return client


def start():
    return reverse("dataprotection:start")


def dob(day):
    return {"date_of_birth_0": day.day, "date_of_birth_1": day.month, "date_of_birth_2": day.year}


def test_find_by_crime_reference_or_by_surname_and_date_of_birth(officer_client, case, victim, unit, officer,
                                                                  call_handler):
    mine = open_case(victim=victim, crime=CrimeFactory(), unit=unit, officer=officer, recorded_by=call_handler)
    page = officer_client.get(start(), {"reference": mine.crime.reference.lower()}).content.decode()
    assert PERSONAL["family_name"] in page and case.victim.family_name not in page
    page = officer_client.get(start(), {"family_name": PERSONAL["family_name"].upper(),
                                        **dob(victim.date_of_birth)}).content.decode()
    assert reverse("dataprotection:victim", kwargs={"victim_id": victim.pk}) in page
    assert CaseAccessLog.objects.filter(case=mine, what="data protection: victim search").count() == 2
    page = officer_client.get(start(), {"family_name": PERSONAL["family_name"]}).content.decode()
    assert "Enter the date of birth as well as the last name" in page and 'href="#id_date_of_birth"' in page
    page = officer_client.get(start(), {"reference": "", "family_name": ""}).content.decode()
    assert "Enter a crime reference, or a last name and date of birth" in page


def test_a_victim_of_another_force_is_not_found(officer_client, information_rights):
    from tests.factories import OrganisationFactory

    elsewhere = OrganisationFactory(code="dyfed-powys", kind="force")
    other_unit = OrganisationFactory(code="dp-unit", parent=elsewhere)
    stranger = open_case(victim=VictimFactory(family_name="Elsewhere"), crime=CrimeFactory(), unit=other_unit,
                         recorded_by=None)
    page = officer_client.get(start(), {"reference": stranger.crime.reference}).content.decode()
    assert "No victim of your force's units matches." in page
    url = reverse("dataprotection:victim", kwargs={"victim_id": stranger.victim_id})
    assert officer_client.get(url).status_code == 404


def test_record_a_request_then_download_everything(officer_client, closed_case, information_rights):
    victim = closed_case.victim
    new = reverse("dataprotection:request-new", kwargs={"victim_id": victim.pk})
    future = timezone.localdate() + dt.timedelta(days=2)
    for data, error in (({"reference": "", **{f"received_on_{i}": v for i, v in enumerate((3, 11, 2025))}},
                         "Enter the request reference"),
                        ({"reference": "<script>alert(1)</script>", "received_on_0": 3, "received_on_1": 11,
                          "received_on_2": 2025}, "href=\"#id_reference\""),
                        ({"reference": "SAR/1", "received_on_0": future.day, "received_on_1": future.month,
                          "received_on_2": future.year}, "must be today or in the past"),
                        ({"reference": "SAR/1", "received_on_0": 31, "received_on_1": 2, "received_on_2": 2025},
                         "must be a real date")):
        response = officer_client.post(new, data)
        assert response.status_code == 200 and error in response.content.decode(), error
    assert not SubjectAccessRequest.objects.exists()
    response = officer_client.post(new, {"reference": "SAR/2025/0142", "received_on_0": 3, "received_on_1": 11,
                                         "received_on_2": 2025})
    request = SubjectAccessRequest.objects.get()
    assert response.url == reverse("dataprotection:request", kwargs={"request_id": request.pk})
    again = officer_client.post(new, {"reference": "sar/2025/0142", "received_on_0": 3, "received_on_1": 11,
                                      "received_on_2": 2025})
    assert "This request reference is already in use" in again.content.decode()
    page = officer_client.get(response.url).content.decode()
    assert "3 December 2025" in page  # one calendar month after 3 November
    download = officer_client.post(reverse("dataprotection:export", kwargs={"request_id": request.pk}))
    assert download["Content-Type"] == "application/zip"
    assert 'filename="subject-access-SAR-2025-0142.zip"' in download["Content-Disposition"]
    names = zipfile.ZipFile(io.BytesIO(download.content)).namelist()
    assert "summary.html" in names and "data/victims.Victim.json" in names
    assert SubjectAccessExport.objects.get().exported_by == information_rights
    assert officer_client.get(reverse("dataprotection:export", kwargs={"request_id": request.pk})).status_code == 405


def test_the_information_rights_officer_corrects_details_with_a_reason(officer_client, closed_case,
                                                                       information_rights):
    victim = closed_case.victim
    url = reverse("dataprotection:correct", kwargs={"victim_id": victim.pk})
    form = {"given_name": "Gwenllian", "family_name": "Prosser", **dob(dt.date(1984, 6, 9)), "phone": "07700 900111",
            "email": PERSONAL["email"], "address": PERSONAL["address"], "postcode": "np10 8qz",
            "preferred_language": "cy", "other_language": "", "needs_interpreter": "no",
            "communication_needs": PERSONAL["communication_needs"]}
    response = officer_client.post(url, {**form, "reason": ""})
    assert "Enter why the details are being corrected" in response.content.decode()
    response = officer_client.post(url, {**form, "email": "not an email", "reason": "Asked by the victim"})
    assert "Enter an email address in the correct format" in response.content.decode()
    assert Victim.objects.get(pk=victim.pk).family_name == PERSONAL["family_name"]  # nothing half-saved
    response = officer_client.post(url, {**form, "reason": "Asked by the victim"})
    assert response.status_code == 302
    victim.refresh_from_db()
    assert (victim.family_name, victim.phone, victim.postcode) == ("Prosser", "07700 900111", "NP10 8QZ")
    event = TimelineEvent.objects.get(case=closed_case, kind="personal_details_corrected")
    assert event.data == {"fields": ["family_name", "phone"], "reason": "Asked by the victim"}
    log = CaseAccessLog.objects.get(case=closed_case, action="changed", what__startswith="corrected")
    assert log.what == "corrected personal details: family_name, phone" and "Prosser" not in log.why
    response = officer_client.post(url, {**form, "reason": "Again"})
    assert "Nothing was changed" in response.content.decode()


def test_the_cases_unit_corrects_from_the_case_page(client, case, officer, call_handler):
    url = reverse("dataprotection:case-correct", kwargs={"case_id": case.pk})
    client.force_login(officer)
    assert url in client.get(reverse("cases:detail", kwargs={"case_id": case.pk})).content.decode()
    victim = case.victim
    response = client.post(url, {"given_name": victim.given_name, "family_name": victim.family_name,
                                 **dob(dt.date(1990, 2, 3)), "phone": "", "email": "", "address": "", "postcode": "",
                                 "preferred_language": "en", "other_language": "", "needs_interpreter": "no",
                                 "communication_needs": "", "reason": "Wrong date of birth"})
    assert response.url == reverse("cases:detail", kwargs={"case_id": case.pk})
    assert Victim.objects.get(pk=victim.pk).date_of_birth == dt.date(1990, 2, 3)
    client.force_login(call_handler)  # sees the case, may not change it
    assert client.get(url).status_code == 403


def review_for(case):
    return RetentionReview.objects.create(case=case, rule="default", review_on=timezone.localdate())


def test_the_queue_review_and_anonymise(officer_client, closed_case, information_rights):
    review = review_for(closed_case)
    queue = officer_client.get(reverse("dataprotection:queue")).content.decode()
    assert closed_case.crime.reference in queue and PERSONAL["family_name"] not in queue
    assert 'aria-sort="ascending"' in queue
    assert 'aria-sort="descending"' in officer_client.get(reverse("dataprotection:queue"),
                                                          {"sort": "closed", "order": "descending"}).content.decode()
    url = reverse("dataprotection:review", kwargs={"review_id": review.pk})
    response = officer_client.post(url, {"decision": "keep", "reason": "", "review_on_0": "", "review_on_1": "",
                                         "review_on_2": ""})
    page = response.content.decode()
    assert "Enter why the case is kept for longer" in page and "Enter the next review date" in page
    assert RetentionReview.objects.get().status == "waiting"
    response = officer_client.post(url, {"decision": "anonymise"})
    confirm = reverse("dataprotection:anonymise", kwargs={"review_id": review.pk})
    assert response.url == confirm
    page = officer_client.get(confirm).content.decode()
    assert "This cannot be undone." in page and "last case still kept" in page and "Any other case" in page
    assert Victim.objects.get(pk=closed_case.victim_id).anonymised_at is None  # nothing until confirmed
    assert officer_client.post(confirm).url == reverse("dataprotection:queue")
    assert Victim.objects.get(pk=closed_case.victim_id).anonymised_at is not None
    victim_page = officer_client.get(reverse("dataprotection:victim", kwargs={"victim_id": closed_case.victim_id}))
    assert "Anonymised victim" in victim_page.content.decode()
    assert officer_client.post(confirm).url == url  # done once only
    assert officer_client.get(reverse("dataprotection:correct",
                                      kwargs={"victim_id": closed_case.victim_id})).status_code == 403


def test_keep_for_longer_from_the_page(officer_client, closed_case):
    review = review_for(closed_case)
    later = timezone.localdate() + dt.timedelta(days=365)
    response = officer_client.post(reverse("dataprotection:review", kwargs={"review_id": review.pk}), {
        "decision": "keep", "reason": "Review of the investigation", "review_on_0": later.day,
        "review_on_1": later.month, "review_on_2": later.year})
    assert response.url == reverse("dataprotection:queue")
    assert RetentionReview.objects.get().review_on == later


def test_the_pages_read_in_welsh(officer_client, closed_case):
    in_welsh(officer_client)
    assert "Diogelu data" in officer_client.get(start()).content.decode()
    review = review_for(closed_case)
    page = officer_client.get(reverse("dataprotection:anonymise", kwargs={"review_id": review.pk})).content.decode()
    assert "Nid oes modd dadwneud hyn." in page


def test_query_counts_stay_bounded(officer_client, closed_case, information_rights, django_assert_max_num_queries):
    victim = closed_case.victim
    request = SubjectAccessRequest.objects.create(victim=victim, reference="SAR-9", received_on=dt.date(2025, 1, 1),
                                                  recorded_by=information_rights)
    review = review_for(closed_case)
    pages = [
        (start(), {"reference": closed_case.crime.reference}),
        (reverse("dataprotection:victim", kwargs={"victim_id": victim.pk}), {}),
        (reverse("dataprotection:request-new", kwargs={"victim_id": victim.pk}), {}),
        (reverse("dataprotection:request", kwargs={"request_id": request.pk}), {}),
        (reverse("dataprotection:correct", kwargs={"victim_id": victim.pk}), {}),
        (reverse("dataprotection:queue"), {}),
        (reverse("dataprotection:review", kwargs={"review_id": review.pk}), {}),
        (reverse("dataprotection:anonymise", kwargs={"review_id": review.pk}), {}),
    ]
    for url, query in pages:
        with django_assert_max_num_queries(20):
            assert officer_client.get(url, query).status_code == 200, url
    # More cases do not mean more queries.
    for _ in range(3):
        other = open_case(victim=victim, crime=CrimeFactory(), unit=closed_case.unit, recorded_by=None)
        review_for(other)
    for url, query in pages:
        with django_assert_max_num_queries(20):
            assert officer_client.get(url, query).status_code == 200, url
