"""The subject access export: complete by construction (a walk of the model relations), and a test that fails
when a model related to a victim or a case is neither exported nor listed as left out with a reason."""

import datetime as dt
import io
import json
import zipfile

from django.apps import apps

from tests.dataprotection.conftest import PERSONAL
from victimcare.cases.models import Case, CaseAccessLog
from victimcare.dataprotection import records
from victimcare.dataprotection.models import SubjectAccessExport
from victimcare.dataprotection.services import EXPORT_WHAT, export_for_request, record_subject_access_request


def test_every_model_related_to_a_victim_or_a_case_is_exported_or_left_out_with_a_reason():
    exported = {records.label(model) for model in records.reachable_models()}
    assert {"cases.TimelineEvent", "equality.EqualityAnswers", "notifications.Message", "court.Hearing",
            "property.CustodyEntry", "crimes.Crime", "portal.PortalCode"} <= exported
    missing = records.unaccounted()
    assert not missing, f"Export these or list them in records.EXCLUDED with the reason: {missing}"
    for label, reason in records.EXCLUDED.items():
        assert apps.get_model(label) and len(reason) > 20, label
    # A reason is not a way round: an excluded model must really be related (or it is stale).
    assert set(records.EXCLUDED) <= records.related_to_victim_or_case()


def test_a_table_the_walk_does_not_reach_is_reported(monkeypatch):
    """The completeness test can fail: were the walk to miss a table about a case, it would be named."""
    walked = records.reachable_models()
    monkeypatch.setattr(records, "reachable_models",
                        lambda: [model for model in walked if records.label(model) != "satisfaction.SurveyResponse"])
    assert records.unaccounted() == ["satisfaction.SurveyResponse"]


def read_zip(content: bytes) -> dict:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_export_holds_everything_about_the_victim_and_nothing_about_others(closed_case, information_rights):
    request = record_subject_access_request(closed_case.victim, reference="SAR/2025/0142",
                                            received_on=dt.date(2025, 11, 3), actor=information_rights)
    files = read_zip(export_for_request(request, actor=information_rights))
    tables = {name.removeprefix("data/").removesuffix(".json"): json.loads(body)
              for name, body in files.items() if name.startswith("data/")}
    assert tables["victims.Victim"]["rows"][0]["family_name"] == PERSONAL["family_name"]
    assert {row["id"] for row in tables["cases.Case"]["rows"]} == {closed_case.pk}
    assert tables["equality.EqualityAnswers"]["rows"][0]["religion"] == "buddhist"
    for label in ("cases.TimelineEvent", "charter.Commitment", "notifications.Message", "sharing.ConsentRecord",
                  "support.Referral", "court.Prosecution", "court.Hearing", "property.PropertyItem",
                  "property.CustodyEntry", "satisfaction.SurveyResponse", "neighbourhood.IncidentNotice",
                  "multiagency.MultiAgencyReferral", "firstcontact.FirstContactAssessment", "crimes.Crime",
                  "dataprotection.SubjectAccessRequest"):
        assert tables.get(label, {}).get("rows") or label == "firstcontact.FirstContactAssessment", label
    assert tables["multiagency.MultiAgencyReferral"]["may_be_withheld"]
    assert not tables["cases.TimelineEvent"]["may_be_withheld"]
    # Only this victim's case: the portal set-up's other victim (same unit) is nowhere.
    other = Case.objects.exclude(victim=closed_case.victim).get()
    assert all(row.get("case_id") != other.pk for table in tables.values() for row in table["rows"])
    assert {row["id"] for row in tables["crimes.Crime"]["rows"]} == {closed_case.crime_id}
    # The uploaded letter, as it was uploaded.
    letters = [name for name in files if name.startswith("files/")]
    assert len(letters) == 1 and letters[0].endswith(".pdf") and files[letters[0]].startswith(b"%PDF")
    # The summary is in the victim's language (Welsh) and names them; the index says what was left out and why.
    summary = files["summary.html"].decode()
    assert 'lang="cy"' in summary and PERSONAL["family_name"] in summary and "Bwdhaeth" in summary
    index = json.loads(files["index.json"])
    assert index["request"] == "SAR/2025/0142" and set(index["left_out"]) == set(records.EXCLUDED)
    # Logged per case, as a read for the request, and recorded against it.
    log = CaseAccessLog.objects.get(case=closed_case, what=EXPORT_WHAT)
    assert (log.user, log.action, log.why) == (information_rights, "viewed", "SAR/2025/0142")
    made = SubjectAccessExport.objects.get(request=request)
    assert made.cases == 1 and made.records == sum(len(table["rows"]) for table in tables.values())


def test_an_english_speaker_gets_the_summary_in_english(case, information_rights):
    request = record_subject_access_request(case.victim, reference="SAR-1", received_on=dt.date(2025, 1, 31),
                                            actor=information_rights)
    assert request.due_on == dt.date(2025, 2, 28)
    summary = read_zip(export_for_request(request, actor=information_rights))["summary.html"].decode()
    assert 'lang="en"' in summary and "The information we hold about you" in summary
