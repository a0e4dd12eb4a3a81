"""Exports carry exactly the published tables: small numbers suppressed in CSV, Excel and PDF alike."""

import csv
import datetime as dt
import io

import pytest
from django.test import override_settings
from openpyxl import load_workbook

from tests.monitoring.conftest import NOW
from tests.notifications.pdf_text import pdf_lines
from victimcare.monitoring import exports, figures, publish

YEAR = figures.Filters(start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 1))


def _standard_table():
    return publish.compliance_table(figures.compliance(YEAR, "standard", now=NOW), "standard")


@override_settings(MONITORING_SMALL_NUMBER_THRESHOLD=1)
def test_csv_without_suppression_has_every_figure(known):
    rows = list(csv.reader(io.StringIO(exports.tables_csv([_standard_table()]))))
    assert rows[0] == ["Commitments by charter standard"]
    assert rows[1][:3] == ["Charter standard", "Due", "Met on time"]
    by_standard = {row[0].split(".")[0]: row for row in rows[2:5]}
    # Standard 4: 4 due, none met, 1 missed, 1 waived, 2 overdue: 0% on time.
    assert by_standard["4"][1:9] == ["4", "0", "0", "1", "1", "2", "0", "0.0"]
    assert by_standard["3"][9:11] == ["2925", "5193"]  # median and 90th percentile, in minutes


def test_csv_and_excel_suppress_small_numbers(known):
    """With the default threshold of 5 every count in the known dataset (all under 5) is withheld."""
    table = _standard_table()
    rows = list(csv.reader(io.StringIO(exports.tables_csv([table]))))
    for row in rows[2:5]:
        assert set(row[1:]) <= {"[c]", "0", "[x]"}, row
        assert row[8] == "[c]"  # a rate over fewer than 5
    assert "withheld so that no victim can be identified" in rows[-1][0]
    workbook = load_workbook(io.BytesIO(exports.tables_xlsx([table])))
    sheet = workbook.worksheets[0]
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=3, max_row=5)]
    assert all(set(row[1:]) <= {"[c]", 0, "[x]"} for row in values), values


def test_a_lone_hidden_count_takes_another_with_it(settings):
    """12 due: 7 met, 2 met late, 3 overdue. Only 'met late' is small, so with the total shown it could be
    worked out from the rest: the next smallest count (overdue) is withheld with it."""
    settings.MONITORING_SMALL_NUMBER_THRESHOLD = 3
    row = figures.ComplianceRow("x", total=12, met=7, met_late=2, overdue=3)
    published = publish.compliance_row("x", row)
    assert published["met_late"] is publish.SUPPRESSED and published["overdue"] is publish.SUPPRESSED
    assert (published["total"], published["met"], published["missed"]) == (12, 7, 0)
    assert published["on_time_rate"] == pytest.approx(7 / 12)


def test_a_lone_small_total_in_a_column_takes_another_with_it(settings):
    settings.MONITORING_SMALL_NUMBER_THRESHOLD = 5
    rows = [figures.ComplianceRow(1, total=40, met=40), figures.ComplianceRow(2, total=3, met=3),
            figures.ComplianceRow(3, total=9, met=9)]
    table = publish.compliance_table(rows, "standard")
    assert [row["total"] for row in table.rows] == [40, publish.SUPPRESSED, publish.SUPPRESSED]


@pytest.mark.parametrize(("language", "title"), [
    ("en", "Victims' Charter: how well victims were served, 2026 quarter 2"),
    ("cy", "Siarter Dioddefwyr: pa mor dda y gwasanaethwyd dioddefwyr, 2026 chwarter 2"),
])
def test_the_quarterly_report_in_each_language(known, language, title):
    pdf = exports.render_quarterly_report(2026, 2, figures.Filters(start=YEAR.start, end=YEAR.end), language,
                                          compress=False)
    assert pdf.startswith(b"%PDF")
    text = "\n".join(pdf_lines(pdf))
    assert title in text
    assert "[c]" in text


def test_report_response_is_a_pdf_download(known):
    response = exports.quarterly_report_response(2026, 2, figures.Filters(start=YEAR.start, end=YEAR.end), "en")
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="victims-charter-2026-q2-en.pdf"' in response["Content-Disposition"]


def test_a_rate_is_withheld_when_it_would_give_a_small_count_away(settings):
    """3 met of 7: the count is withheld, and 43% of a shown 7 would tell it, so the rate goes too; likewise
    18 of 20 (2 not met); 10 of 20 is shown."""
    settings.MONITORING_SMALL_NUMBER_THRESHOLD = 5
    for met, due, shown in ((3, 7, False), (18, 20, False), (10, 20, True)):
        row = figures.ComplianceRow("x", total=due, met=met, missed=due - met)
        rate = publish.compliance_row("x", row)["on_time_rate"]
        assert (rate is not publish.SUPPRESSED) is shown, (met, due)
        if shown:
            assert rate == pytest.approx(met / due)


def test_satisfaction_by_a_characteristic_has_intervals_and_a_flag(settings):
    """Women 15 of 20 satisfied with the whole experience, men 5 of 20: 75% against 25% is beyond chance
    (pooled two-proportion z = 0.5 / sqrt(0.25 * 0.1) = 3.16, p = 0.0016); the 95% Wilson interval of 15/20
    is 53.1% to 88.8%."""
    settings.MONITORING_SMALL_NUMBER_THRESHOLD = 5

    def answers(group, satisfied, total):
        row = figures.SatisfactionRow(group, answered=total)
        row.ratings["whole_experience"] = [satisfied, 0, 0, 0, total - satisfied]
        for stage in ("ease_of_contact", "actions_taken", "kept_informed", "treatment"):
            row.ratings[stage] = [total, 0, 0, 0, 0]
        return row

    rows = [answers("female", 15, 20), answers("male", 5, 20), figures.SatisfactionRow("not_recorded")]
    table = publish.satisfaction_table(rows, "sex")
    women, men, unknown = table.rows
    assert women["whole_experience"] == pytest.approx(0.75) and women["rest_rate"] == pytest.approx(0.25)
    assert women["interval"] == (pytest.approx(0.531, abs=1e-3), pytest.approx(0.888, abs=1e-3))
    assert women["differs"] is True and men["differs"] is True
    assert unknown["differs"] is None and unknown["interval"] is None
