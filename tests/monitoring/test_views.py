"""The Commissioner's dashboards: what each page shows of the known dataset (tests/monitoring/conftest.py),
its filters and breakdowns, errors naming the field, small numbers withheld on screen, the files on the same
URL, who may see them (the analyst; 404 for everyone else) and a query count that does not grow with the data."""

import csv
import io
import re
from html import unescape

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils.html import strip_tags
from openpyxl import load_workbook

from tests.factories import CrimeFactory, LocalAuthorityFactory, LsoaFactory
from tests.monitoring.conftest import NEWPORT, TORFAEN, london
from tests.monitoring.plenty import add_plenty
from tests.web.conftest import count_queries, in_welsh, make_case
from victimcare.monitoring import display, publish
from victimcare.monitoring.publish import Column

YEAR_2026 = {"start_month": "1", "start_year": "2026", "end_month": "12", "end_year": "2026"}
PAGES = ("overview", "compliance", "fairness", "satisfaction", "quarterly-return", "quarterly-report")


def url(name, **query):
    from urllib.parse import urlencode

    return reverse(f"monitoring:{name}") + (f"?{urlencode(query)}" if query else "")


@pytest.fixture
def analyst_client(client, analyst):
    client.force_login(analyst)
    return client


def text_of(response) -> str:
    return re.sub(r"\s+", " ", unescape(strip_tags(response.content.decode())))


def rows_of(response, table_id="table-1") -> dict[str, list[str]]:
    """{row heading: [cell texts]} of a table on the page."""
    html = response.content.decode()
    table = html[html.index(f'id="{table_id}"'):]
    table = table[:table.index("</table>")]
    found = {}
    for row in re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", table, re.S)[1:]:
        cells = [re.sub(r"\s+", " ", unescape(strip_tags(cell))).strip()
                 for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        found[cells[0]] = cells[1:]
    return found


# ---- who may see them -----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("persona", ["officer", "supervisor", "partner", "caseworker", "call_handler",
                                     "administrator", "witness_care", "property_officer", "neighbourhood"])
def test_only_the_analyst_sees_the_figures(client, personas, persona, name):
    client.force_login(personas[persona])
    assert client.get(url(name)).status_code == 404
    assert client.get(url(name, format="csv")).status_code == 404


@pytest.mark.parametrize("name", PAGES)
def test_anyone_not_signed_in_is_sent_to_sign_in(client, name):
    response = client.get(url(name))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:sign-in"))


def test_the_analyst_starts_at_the_dashboard_and_sees_only_its_links(analyst_client):
    response = analyst_client.get(reverse("home"))
    assert response["Location"] == reverse("monitoring:overview")
    page = analyst_client.get(url("overview")).content.decode()
    navigation = page[page.index('id="navigation"'):page.index("</nav>")]
    links = re.findall(r'href="([^"]+)"', navigation)
    assert links == [*(reverse(f"monitoring:{name}") for name in
                       ("overview", "compliance", "fairness", "satisfaction", "quarterly-return")),
                     reverse("accounts:account")]  # their own two-factor settings


def test_an_analyst_sees_no_case_page_list_or_api(analyst_client, case):
    """Deny by default: whatever the page, 404 (the URL matrix tries every URL)."""
    for path in (reverse("cases:list"), reverse("cases:detail", args=[case.pk]), reverse("worklists:my-cases"),
                 reverse("support:directory"), reverse("api:case-list"), reverse("api:docs")):
        assert analyst_client.get(path).status_code == 404, path


def test_an_analysts_api_token_reaches_no_case(analyst, case):
    from tests.api.helpers import system_like, token_client

    api = token_client(system_like(analyst))
    assert api.get(reverse("api:case-list")).status_code == 404
    assert api.get(reverse("api:case-detail", args=[case.pk])).status_code == 404
    assert api.post(reverse("api:case-decisions", args=[case.pk]), {"decision": "charged"},
                    format="json").status_code == 404


def test_an_analyst_who_also_holds_another_role_keeps_it(client, analyst, unit, case):
    """Only a user whose every role is figures-only is kept to the figures."""
    from tests.factories import MembershipFactory
    from victimcare.organisations.models import Membership

    MembershipFactory(user=analyst, organisation=unit, role=Membership.Role.OFFICER)
    client.force_login(analyst)
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 200
    assert client.get(url("overview")).status_code == 200


def test_the_analyst_role_is_held_in_the_commissioners_office(unit, analyst):
    from django.core.exceptions import ValidationError

    from victimcare.organisations.models import Membership

    with pytest.raises(ValidationError, match="Commissioner's office"):
        Membership(user=analyst, organisation=unit, role=Membership.Role.ANALYST).full_clean()


# ---- what the pages show ----------------------------------------------------------------------------------

@override_settings(MONITORING_SMALL_NUMBER_THRESHOLD=1)
def test_overview_every_standard_and_the_trend(analyst_client, known):
    response = analyst_client.get(url("overview", **YEAR_2026))
    assert response.status_code == 200
    by_standard = rows_of(response, "table-1")
    # Standard 4: 4 due, none met, 1 missed, 1 waived, 2 overdue: 0% on time.
    row = by_standard["4. Updates agreed with the victim"]
    assert row[:8] == ["4", "0", "0", "1", "1", "2", "0", "0%"]
    # Met after 90 and 5,760 minutes: median 2,925 minutes (2 d 0 h 45 min), 90th percentile 5,193 (3 d 14 h).
    assert by_standard["3. The right questions at first contact"][7:10] == ["50%", "2 d 0 h", "3 d 14 h"]
    by_month = rows_of(response, "table-2")
    assert list(by_month) == ["March 2026", "April 2026", "May 2026", "June 2026"]
    text = text_of(response)
    assert "Commitments due and survey answers given from January 2026 to December 2026." in text
    assert 'role="img"' in response.content.decode()
    for link in ("?by=area", "?characteristic=age_band", "?by=updates"):
        assert link in response.content.decode()


def test_small_numbers_are_withheld_on_screen(analyst_client, known):
    """June 2026 has 3 commitments: the page says "fewer than 5", never 3, and says why."""
    response = analyst_client.get(url("overview", **YEAR_2026))
    june = rows_of(response, "table-2")["June 2026"]
    assert june[0] == "fewer than 5 (withheld so that no victim can be identified)"
    assert "3" not in " ".join(june)
    assert june[7].startswith("not shown")  # the on-time rate rests on fewer than 5
    assert "Numbers from 1 to 4 are not shown so that no victim can be identified." in text_of(response)
    assert "[c]" in response.content.decode()  # no bar in the chart, "[c]" beside it


@override_settings(MONITORING_SMALL_NUMBER_THRESHOLD=1)
@pytest.mark.parametrize(("by", "expected"), [
    ("area", {"Newport": "4", "Torfaen": "4"}),
    ("category", {"Violence and sexual offences": "4", "Burglary": "4"}),
    ("rights", {"Enhanced rights": "4", "Standard rights": "4"}),
    ("quarter", {"2026 quarter 1": "2", "2026 quarter 2": "6"}),
    ("kind", {"Give the victim a written acknowledgement": "2", "Tell the victim about an investigation": "2"}),
    ("organisation", {"Newport CID": "8"}),
])
def test_compliance_breakdowns(analyst_client, known, by, expected):
    response = analyst_client.get(url("compliance", by=by, **YEAR_2026))
    rows = rows_of(response)
    for label, due in expected.items():
        matching = [cells for heading, cells in rows.items() if heading.startswith(label)]
        assert matching and matching[0][0] == due, (label, rows)


@override_settings(MONITORING_SMALL_NUMBER_THRESHOLD=1)
def test_compliance_filters(analyst_client, known):
    response = analyst_client.get(url("compliance", by="area", area=NEWPORT, **YEAR_2026))
    assert list(rows_of(response)) == ["Newport"]
    # Burglary (case B), standard 4: its update (waived) and its decision (overdue).
    response = analyst_client.get(url("compliance", by="standard", standard="4", category="burglary", **YEAR_2026))
    assert rows_of(response)["4. Updates agreed with the victim"][:7] == ["2", "0", "0", "0", "1", "1", "0"]
    response = analyst_client.get(url("compliance", by="kind", kind="referral_to_support", rights="enhanced",
                                      **YEAR_2026))
    assert [cells[:2] for cells in rows_of(response).values()] == [["1", "1"]]
    june = {"start_month": "6", "start_year": "2026", "end_month": "6", "end_year": "2026"}
    response = analyst_client.get(url("compliance", by="month", **june))
    assert list(rows_of(response)) == ["June 2026"]


@pytest.mark.parametrize(("query", "field", "message"), [
    ({"start_month": "6", "start_year": "2026", "end_month": "3", "end_year": "2026"}, "end",
     "The last month must be the same as or after the first month"),
    ({"start_month": "13", "start_year": "2026", "end_month": "3", "end_year": "2026"}, "start",
     "The first month must be a real month, like 6 2026"),
    ({"start_month": "", "start_year": "", "end_month": "3", "end_year": "2026"}, "start", "Enter the first month"),
    ({"end_month": "3", "end_year": ""}, "end", "The last month must include a year"),
    ({"area": "W06999999"}, "area", "Choose one of the options listed"),
    ({"organisation": "99999"}, "organisation", "Choose one of the options listed"),
    ({"by": "victim"}, "by", "Choose one of the options listed"),
    ({"standard": "11"}, "standard", "Choose one of the options listed"),
])
def test_errors_name_the_field(analyst_client, known, query, field, message):
    response = analyst_client.get(url("compliance", **query))
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html and f'href="#id_{field}"' in html
    assert f'id="id_{field}-error"' in html and message in html
    assert "Error:" in html.split("</title>")[0]
    assert 'id="table-1"' not in html  # no figures until the filters are right
    # A file asked for with bad filters: the page with the errors, not a file.
    assert analyst_client.get(url("compliance", format="csv", **query))["Content-Type"].startswith("text/html")


def test_an_unknown_format_is_not_found(analyst_client):
    assert analyst_client.get(url("compliance", format="pdf")).status_code == 404
    assert analyst_client.get(url("quarterly-report", language="fr")).status_code == 404


@override_settings(MONITORING_SMALL_NUMBER_THRESHOLD=1)
def test_fairness_by_age(analyst_client, known):
    response = analyst_client.get(url("fairness", characteristic="age_band", **YEAR_2026))
    on_time = rows_of(response, "table-1")
    # Case A's victim was 16: 4 decided, 2 met on time (50%), Wilson 15% to 85%; everyone else 0%.
    assert on_time["Under 18"][:5] == ["4", "2", "50%", "15% to 85%", "0%"]
    assert on_time["Under 18"][5] in ("Differs", "No")
    assert on_time["18 to 24"][0] == "0"
    satisfied = rows_of(response, "table-2")
    assert "Not recorded" in satisfied
    text = text_of(response)
    assert "The crime category filter does not apply to these figures" in text


def test_a_group_that_differs_is_flagged_with_a_tag():
    from django.template.loader import render_to_string

    table = publish.Table("On time by sex", [Column("label", "Sex", "label"), Column("decided", "Due"),
                                              Column("differs", "Differs beyond chance", "flag")])
    table.rows = [{"label": "Female", "decided": 40, "differs": True},
                  {"label": "Male", "decided": 44, "differs": False},
                  {"label": "Not recorded", "decided": publish.SUPPRESSED, "differs": None}]
    html = render_to_string("monitoring/includes/table.html", {"table": table, "id": "t"})
    assert '<strong class="govuk-tag govuk-tag--orange">Differs</strong>' in html
    assert ">No<" in html.replace(" ", "").replace("\n", "") and "Not tested" in html
    assert "fewer than 5" in html


def test_figures_big_enough_are_shown(analyst_client, known, unit, officer, call_handler):
    """With 40 more acknowledgements (tests/monitoring/plenty.py) standard 3 is shown in full."""
    add_plenty(unit, officer, call_handler)
    response = analyst_client.get(url("overview", **YEAR_2026))
    # 42 due: 21 on time, 11 late (10 + known's 1), 10 missed; 50% on time.
    row = rows_of(response)["3. The right questions at first contact"]
    assert row[:8] == ["42", "21", "11", "10", "0", "0", "0", "50%"]
    html = response.content.decode()
    assert re.search(r'<rect x="0" y="\d+" width="410.0"', html), "a bar of 50% (820 px for 100%)"
    on_time = rows_of(analyst_client.get(url("fairness", characteristic="age_band", **YEAR_2026)))
    assert on_time["Under 18"][0] == "12" and on_time["Under 18"][2] == "50%"
    satisfied = rows_of(analyst_client.get(url("satisfaction", by="area", **YEAR_2026)))
    assert satisfied["Newport"][0] == "10" and satisfied["Torfaen"][0] == "10"


def test_satisfaction_by_updates_says_what_it_answers(analyst_client, known, officer):
    from victimcare.satisfaction.services import record_survey_response

    ratings = dict.fromkeys(("ease_of_contact", "actions_taken", "kept_informed", "treatment", "whole_experience"), 1)
    record_survey_response(known["a"], ratings=ratings, how="phone", actor=officer, at=london(6, 10))
    response = analyst_client.get(url("satisfaction", by="updates", **YEAR_2026))
    text = text_of(response)
    assert "Are victims whose updates were on time more satisfied?" in text
    rows = rows_of(response)
    (_label, cells), = rows.items()
    assert cells[0] == "fewer than 5 (withheld so that no victim can be identified)"
    with override_settings(MONITORING_SMALL_NUMBER_THRESHOLD=1):
        rows = rows_of(analyst_client.get(url("satisfaction", by="updates", **YEAR_2026)))
        (_label, cells), = rows.items()
        assert cells == ["1", "100%", "100%", "100%", "100%", "100%"]


@override_settings(MONITORING_SMALL_NUMBER_THRESHOLD=1)
def test_quarterly_return(analyst_client, known):
    response = analyst_client.get(url("quarterly-return", year="2026", quarter="1"))
    rows = rows_of(response)
    assert rows["Written acknowledgement"][:3] == ["2", "1", "50%"]
    assert rows["Advance notice of the offender's release"][0] == "No data"
    html = response.content.decode()
    assert "Download the report in English (PDF)" in html and "Download the report in Welsh (PDF)" in html
    assert "language=cy" in html and "year=2026" in html
    pdf = analyst_client.get(url("quarterly-report", year="2026", quarter="1", language="cy"))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert "cy.pdf" in pdf["Content-Disposition"]


@pytest.mark.parametrize(("query", "field"), [({"year": "26"}, "year"), ({"quarter": "5"}, "quarter"),
                                              ({"year": ""}, "year")])
def test_quarterly_return_errors(analyst_client, query, field):
    html = analyst_client.get(url("quarterly-return", **query)).content.decode()
    assert f'href="#id_{field}"' in html
    html = analyst_client.get(url("quarterly-report", **query)).content.decode()
    assert f'href="#id_{field}"' in html  # the page with the error, not a broken report


# ---- files on the same URL ------------------------------------------------------------------------------------

@override_settings(MONITORING_SMALL_NUMBER_THRESHOLD=1)
def test_the_files_carry_the_pages_tables(analyst_client, known):
    query = {"by": "area", **YEAR_2026}
    page = analyst_client.get(url("compliance", **query))
    assert "format=csv" in page.content.decode() and "format=xlsx" in page.content.decode()
    response = analyst_client.get(url("compliance", format="csv", **query))
    assert response["Content-Disposition"] == (
        'attachment; filename="victims-charter-compliance-by-area-2026-01-to-2026-12.csv"')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Commitments by local authority"]
    assert [row[0] for row in rows[2:4]] == list(rows_of(page))
    workbook = load_workbook(io.BytesIO(analyst_client.get(url("compliance", format="xlsx", **query)).content))
    assert workbook.worksheets[0]["A1"].value == "Commitments by local authority"


def test_the_files_withhold_what_the_page_withholds(analyst_client, known):
    rows = list(csv.reader(io.StringIO(
        analyst_client.get(url("overview", format="csv", **YEAR_2026)).content.decode("utf-8-sig"))))
    june = next(row for row in rows if row and row[0] == "June 2026")
    assert june[1] == "[c]"


# ---- Welsh ------------------------------------------------------------------------------------------------------

def test_welsh(analyst_client, known):
    in_welsh(analyst_client)
    response = analyst_client.get(url("overview", **YEAR_2026))
    text = text_of(response)
    assert "Monitro Siarter Dioddefwyr" in text
    assert "Mehefin 2026" in text  # June, from Django's Welsh formats
    assert "llai na 5" in text
    response = analyst_client.get(url("compliance", end_month="1", end_year="2020"))
    assert "Rhaid i'r mis olaf fod yr un fath â'r mis cyntaf neu ar ei ôl" in text_of(response)


# ---- display ----------------------------------------------------------------------------------------------------

def test_cells_read_by_their_kind():
    assert display.cell({"x": 1234}, Column("x", "", "count")).text == "1,234"
    assert display.cell({"x": 0.625}, Column("x", "", "percent")).text == "63%"
    assert display.cell({"x": (0.4, 0.6249)}, Column("x", "", "interval")).text == "40% to 62%"
    assert display.cell({"x": 90}, Column("x", "", "minutes")).text == "1 h 30 min"
    assert display.cell({"x": None}, Column("x", "", "percent")).text == "No data"
    assert display.cell({"x": None}, Column("x", "", "flag")).text == "Not tested"
    assert display.cell({"x": publish.SUPPRESSED}, Column("x", "", "count")).text == "fewer than 5"
    assert display.cell({"x": publish.SUPPRESSED}, Column("x", "", "percent")).text == "not shown"


def test_the_chart_draws_no_bar_for_a_withheld_or_missing_value():
    table = publish.Table("Commitments by charter standard", [Column("label", "Standard", "label"),
                                                             Column("on_time_rate", "On time", "percent")])
    table.rows = [{"label": "A", "on_time_rate": 0.5}, {"label": "B", "on_time_rate": publish.SUPPRESSED},
                  {"label": "C", "on_time_rate": None}]
    chart = display.chart(table)
    assert [(bar.text, bar.width is None) for bar in chart.bars] == [("50%", False), ("[c]", True), ("no data", True)]
    assert "3 bars" in chart.summary and "Highest A, 50%" in chart.summary and "1 is not shown" in chart.summary


# ---- query counts ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "query"), [
    ("overview", {}), ("compliance", {"by": "area"}), ("compliance", {"by": "organisation"}),
    ("fairness", {"characteristic": "ethnicity"}), ("satisfaction", {"by": "month"}),
    ("quarterly-return", {"year": "2026", "quarter": "1"}),
])
def test_queries_do_not_grow_with_the_data(analyst_client, unit, officer, call_handler, name, query):
    query = {**YEAR_2026, **query}
    make_case(unit, officer, call_handler, crime=CrimeFactory(lsoa=LsoaFactory(
        local_authority=LocalAuthorityFactory(code=TORFAEN, name_en="Torfaen"))))
    narrowed = {**query, "organisation": str(unit.pk)}
    few = count_queries(analyst_client, url(name, **query)), count_queries(analyst_client, url(name, **narrowed))
    add_plenty(unit, officer, call_handler)
    many = count_queries(analyst_client, url(name, **query)), count_queries(analyst_client, url(name, **narrowed))
    assert many == few
