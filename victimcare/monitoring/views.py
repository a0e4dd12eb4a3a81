"""The Commissioner's dashboards: compliance with the charter, fairness across victims' backgrounds, victims'
satisfaction and the Victims' Code quarterly return. For the Commissioner's analysts only (404 for anyone
else).

Each page reads its filters through a form (GET), builds its tables with one function of `pages`, and shows
each table as a chart and the table itself; `?format=csv` or `?format=xlsx` on the same URL gives the same
tables as a file (`exports`, which the screens share with the published report).
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from victimcare.equality.groups import CHARACTERISTICS, characteristic_label
from victimcare.monitoring import exports, pages
from victimcare.monitoring.access import analyst_only
from victimcare.monitoring.figures import COMPLIANCE_BREAKDOWNS, SATISFACTION_BREAKDOWNS
from victimcare.monitoring.forms import (
    ComplianceForm,
    FairnessForm,
    FilterForm,
    Lookups,
    QuarterlyReturnForm,
    SatisfactionForm,
)
from victimcare.monitoring.publish import Table, breakdown_label

FORMATS = {"csv": exports.csv_response, "xlsx": exports.xlsx_response}
# The filters every page shares, carried over by the links between pages.
SHARED_FILTERS = ("start_month", "start_year", "end_month", "end_year", "area", "organisation", "category", "rights")


@dataclass
class Section:
    """One table on a page, drawn as a chart and a table, with what to say above it."""

    table: Table
    lead: str = ""
    id: str = ""  # the table's id on the page


def _form(request, form_class, lookups: Lookups):
    """The page's form bound to the query, any filter left out taking its default (the last 12 months)."""
    data = request.GET.copy()
    data.pop("format", None)
    for key, value in form_class.defaults().items():
        data.setdefault(key, value)
    return form_class(data, lookups=lookups)


def _file_format(request) -> str:
    file_format = request.GET.get("format", "")
    if file_format and file_format not in FORMATS:
        raise Http404("No such format")
    return file_format


def _filename(name: str, form) -> str:
    data = form.cleaned_data
    if "start" in data:
        name = f"{name}-{data['start']:%Y-%m}-to-{data['end']:%Y-%m}"
    language = translation.get_language() or "en"
    return f"victims-charter-{name}" + ("-cy" if language == "cy" else "")


def _period(form) -> str:
    if form.errors:
        return ""
    return _("Commitments due and survey answers given from %(start)s to %(end)s.") % {
        "start": date_format(form.cleaned_data["start"], "F Y"), "end": date_format(form.cleaned_data["end"], "F Y")}


def _page(request, form, *, template: str, heading: str, build, filename: str, **context):
    """Render the page, or with ?format= its tables as a file. `build()` gives the page's Sections."""
    file_format = _file_format(request)
    valid = form.is_valid()
    sections = build() if valid else []
    for index, section in enumerate(sections, start=1):
        section.id = f"table-{index}"
    if valid and file_format:
        return FORMATS[file_format]([section.table for section in sections], _filename(filename, form))
    query = form.data.copy()
    return render(request, template, {
        "heading": heading, "form": form, "sections": sections, "query": query.urlencode(),
        "shared_query": urlencode([(key, query[key]) for key in SHARED_FILTERS if query.get(key)]),
        **context,
    })


@analyst_only
def overview(request):
    lookups = Lookups.load()
    form = _form(request, FilterForm, lookups)

    def build():
        filters = form.filters()
        return [Section(table) for table in pages.overview_tables(filters, lookups.names)]

    return _page(request, form, template="monitoring/overview.html", heading=_("Victims' Charter monitoring"),
                 build=build, filename="overview", period=_period(form), breakdowns=_breakdowns())


def _breakdowns() -> list[tuple[str, list[tuple[str, str]]]]:
    """The links from the overview to every breakdown: (heading, [(label, URL without the filters)])."""
    language = translation.get_language() or "en"

    def links(name: str, key: str, values, label):
        url = reverse(f"monitoring:{name}")
        return [(label(value), f"{url}?{urlencode({key: value})}") for value in values]

    return [
        (_("Compliance by"), links("compliance", "by", COMPLIANCE_BREAKDOWNS, breakdown_label)),
        (_("Fair treatment by"), links("fairness", "characteristic", CHARACTERISTICS,
                                       lambda value: characteristic_label(value, language))),
        (_("Satisfaction by"), links("satisfaction", "by", SATISFACTION_BREAKDOWNS, breakdown_label)),
    ]


@analyst_only
def compliance(request):
    lookups = Lookups.load()
    form = _form(request, ComplianceForm, lookups)

    def build():
        return [Section(table) for table in pages.compliance_tables(form.filters(), form.cleaned_data["by"],
                                                                     lookups.names)]

    by = form.cleaned_data.get("by") if form.is_valid() else ""
    return _page(request, form, template="monitoring/compliance.html", heading=_("Charter compliance"),
                 build=build, filename=f"compliance-by-{by}", period=_period(form))


@analyst_only
def fairness(request):
    lookups = Lookups.load()
    form = _form(request, FairnessForm, lookups)

    def build():
        characteristic = form.cleaned_data["characteristic"]
        on_time, satisfied = pages.fairness_tables(form.filters(), characteristic)
        return [
            Section(on_time, _("The crime category filter does not apply to these figures: they are not kept by "
                               "crime category.")),
            Section(satisfied, _("Victims' answers to the satisfaction survey, by the same groups. The charter "
                                 "standard and commitment filters do not apply to these figures.")),
        ]

    characteristic = form.cleaned_data.get("characteristic") if form.is_valid() else ""
    return _page(request, form, template="monitoring/fairness.html", heading=_("Fair treatment"),
                 build=build, filename=f"fairness-by-{characteristic}".replace("_", "-"), period=_period(form))


@analyst_only
def satisfaction(request):
    lookups = Lookups.load()
    form = _form(request, SatisfactionForm, lookups)

    def build():
        by = form.cleaned_data["by"]
        lead = ""
        if by == "updates":
            lead = _("Are victims whose updates were on time more satisfied? This compares the answers of victims "
                     "who were told every update and decision on time with those of victims who were told at "
                     "least one late, or not at all.")
        return [Section(table, lead) for table in pages.satisfaction_tables(form.filters(), by, lookups.names)]

    by = form.cleaned_data.get("by") if form.is_valid() else ""
    return _page(request, form, template="monitoring/satisfaction.html", heading=_("Victim satisfaction"),
                 build=build, filename=f"satisfaction-by-{by}", period=_period(form))


@analyst_only
def quarterly_return(request):
    lookups = Lookups.load()
    form = _form(request, QuarterlyReturnForm, lookups)

    def build():
        data = form.cleaned_data
        return [Section(table) for table in pages.quarterly_return_tables(data["year"], data["quarter"],
                                                                           form.filters())]

    valid = form.is_valid()
    filename = period = ""
    if valid:
        data = form.cleaned_data
        filename = f"quarterly-return-{data['year']}-q{data['quarter']}"
        filters = form.filters()
        period = _("Commitments due in %(year)s quarter %(quarter)s, from %(start)s to %(end)s.") % {
            "year": data["year"], "quarter": data["quarter"], "start": date_format(filters.start, "F Y"),
            "end": date_format(filters.end, "F Y")}
    return _page(request, form, template="monitoring/quarterly_return.html",
                 heading=_("Victims' Code quarterly return"), build=build, filename=filename, period=period,
                 report_links=_report_links(form) if valid else [])


def _report_links(form) -> list[tuple[str, str, str]]:
    """The published report in English and in Welsh: (language code, link text, URL)."""
    query = form.data.copy()
    links = []
    for language, text in (("en", _("Download the report in English (PDF)")),
                           ("cy", _("Download the report in Welsh (PDF)"))):
        query["language"] = language
        links.append((language, text, f"{reverse('monitoring:quarterly-report')}?{query.urlencode()}"))
    return links


@analyst_only
def quarterly_report(request):
    """The quarterly report for publication, as PDF, in English or Welsh (`language`, else the page's)."""
    language = request.GET.get("language") or translation.get_language() or "en"
    if language not in ("en", "cy"):
        raise Http404("No such language")
    lookups = Lookups.load()
    form = _form(request, QuarterlyReturnForm, lookups)
    if not form.is_valid():
        return quarterly_return(request)
    data = form.cleaned_data
    return exports.quarterly_report_response(data["year"], data["quarter"], form.filters(), language)
