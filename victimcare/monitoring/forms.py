"""The dashboards' filters: GOV.UK forms sent by GET. A value we do not recognise is an error on its field
(the error names it), and the page shows no figures until the filters are right.

Every page reads its filters through one of these forms, and `Filters` comes from `filters()`: the screen
and the file it exports are built from the same cleaned values.
"""

import datetime as dt
from dataclasses import dataclass

from django import forms
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from victimcare.areas.models import LocalAuthority
from victimcare.charter.rules import CommitmentKind
from victimcare.charter.standards import STANDARDS
from victimcare.crimes.offences import CATEGORIES, category_name
from victimcare.equality.groups import CHARACTERISTICS, characteristic_label
from victimcare.monitoring.figures import COMPLIANCE_BREAKDOWNS, SATISFACTION_BREAKDOWNS, Filters, quarter_of
from victimcare.monitoring.publish import breakdown_label
from victimcare.organisations.models import Organisation

_CHOOSE = _("Choose one of the options listed")
FIRST_YEAR, LAST_YEAR = 2000, 2100


@dataclass
class Lookups:
    """Local authorities and organisations, loaded once a request: the filters' choices and the tables' names."""

    areas: list[tuple[str, str]]
    organisations: list[tuple[int, str]]

    @classmethod
    def load(cls) -> "Lookups":
        areas = sorted(((area.code, area.name) for area in LocalAuthority.objects.all()), key=lambda pair: pair[1])
        organisations = sorted(
            ((organisation.pk, organisation.name)
             for organisation in Organisation.objects.filter(~Q(kind=Organisation.Kind.COMMISSIONER))),
            key=lambda pair: pair[1])
        return cls(areas, organisations)

    @property
    def names(self) -> dict[str, dict]:
        """For publish's tables: {"area": {code: name}, "organisation": {id: name}}."""
        return {"area": dict(self.areas), "organisation": dict(self.organisations)}


def months_before(month: dt.date, count: int) -> dt.date:
    index = month.year * 12 + month.month - 1 - count
    return dt.date(index // 12, index % 12 + 1, 1)


def this_month() -> dt.date:
    return timezone.localdate().replace(day=1)


def last_complete_quarter() -> tuple[int, int]:
    year, quarter = quarter_of(months_before(this_month(), 3)).split("-Q")
    return int(year), int(quarter)


def _capitalised(text) -> str:
    text = str(text)
    return text[:1].upper() + text[1:]


class MonthParts(forms.MultiWidget):
    """A GOV.UK date input with a month and a year (`<name>_month`, `<name>_year`)."""

    def __init__(self):
        super().__init__({"month": forms.TextInput, "year": forms.TextInput})

    def decompress(self, value):
        return [value.month, value.year] if value else [None, None]


class MonthField(forms.MultiValueField):
    """A month and year, cleaned to the first day of the month. `name` is how errors name the field."""

    widget = MonthParts
    govuk = "month"

    def __init__(self, *, name, **kwargs):
        self.name_for_errors = name
        super().__init__(fields=[forms.CharField(), forms.CharField()], require_all_fields=False, **kwargs)

    def clean(self, value):
        month, year = ([str(part or "").strip() for part in (value or [])] + ["", ""])[:2]
        name = {"name": self.name_for_errors}
        if not month and not year:
            raise forms.ValidationError(_capitalised(pgettext("month", "Enter %(name)s") % name), code="required")
        if not month:
            raise forms.ValidationError(_capitalised(pgettext("month", "%(name)s must include a month") % name))
        if not year:
            raise forms.ValidationError(_capitalised(pgettext("month", "%(name)s must include a year") % name))
        try:
            month_number, year_number = int(month), int(year)
            if len(year) != 4 or not FIRST_YEAR <= year_number <= LAST_YEAR:
                raise ValueError
            return dt.date(year_number, month_number, 1)
        except ValueError:
            message = pgettext("month", "%(name)s must be a real month, like 6 2026") % name
            raise forms.ValidationError(_capitalised(message)) from None


class Choice(forms.ChoiceField):
    govuk = "select"

    def __init__(self, *, label, **kwargs):
        super().__init__(label=label, required=False, error_messages={"invalid_choice": _CHOOSE}, **kwargs)


class FilterForm(forms.Form):
    """The filters every dashboard shares: the period and what the figures are about."""

    start = MonthField(name=_("the first month"), label=_("From"), help_text=_("For example, 7 2025"))
    end = MonthField(name=_("the last month"), label=_("To"), help_text=_("For example, 6 2026"))
    area = Choice(label=_("Local authority"))
    organisation = Choice(label=_("Organisation"))
    category = Choice(label=_("Crime category"))
    rights = Choice(label=_("Rights"), choices=[("", _("All victims")), ("enhanced", _("Enhanced rights")),
                                                ("standard", _("Standard rights"))])
    # Rows of the filter panel, by field name; a subclass adds its own row.
    layout = (("start", "end"), ("area", "organisation", "category", "rights"))
    page_fields: tuple[str, ...] = ()

    def __init__(self, data, *, lookups: Lookups):
        super().__init__(data)
        language = translation.get_language() or "en"
        self.fields["area"].choices = [("", _("All local authorities")), *lookups.areas]
        self.fields["organisation"].choices = [("", _("All organisations")),
                                               *((str(pk), name) for pk, name in lookups.organisations)]
        self.fields["category"].choices = [("", _("All crime categories")), *sorted(
            ((slug, category_name(slug, language)) for slug in CATEGORIES), key=lambda pair: pair[1])]

    @classmethod
    def defaults(cls) -> dict[str, str]:
        """The last 12 months, this one included."""
        end = this_month()
        start = months_before(end, 11)
        return {"start_month": str(start.month), "start_year": str(start.year),
                "end_month": str(end.month), "end_year": str(end.year)}

    def rows(self) -> list[tuple[str, list]]:
        """The filter panel's rows: (GOV.UK grid column width, bound fields)."""
        widths = {1: "full", 2: "one-half", 3: "one-third", 4: "one-quarter"}
        found = []
        for row in (*self.layout, self.page_fields):
            fields = [self[name] for name in row if name in self.fields]
            if fields:
                found.append((widths[len(fields)], fields))
        return found

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The last month must be the same as or after the first month"))
        return data

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(start=data["start"], end=data["end"], area=data.get("area") or "",
                       organisation=int(data["organisation"]) if data.get("organisation") else None,
                       category=data.get("category") or "", rights=data.get("rights") or "",
                       standard=int(data["standard"]) if data.get("standard") else None,
                       kind=data.get("kind") or "")

    def is_filtered(self) -> bool:
        return any(self.data.get(name) for name in ("area", "organisation", "category", "rights", "standard", "kind"))


def _standard_choices(language: str):
    return [("", _("All standards")), *((str(s.number), f"{s.number}. {s.title(language)}") for s in STANDARDS)]


def _kind_choices(language: str):
    kinds = sorted(((kind.value, kind.label(language)) for kind in CommitmentKind), key=lambda pair: pair[1])
    return [("", _("All commitments")), *kinds]


class CommitmentFilterForm(FilterForm):
    """Adds the charter standard and the kind of commitment."""

    standard = Choice(label=_("Charter standard"))
    kind = Choice(label=_("Commitment"))

    def __init__(self, data, *, lookups: Lookups):
        super().__init__(data, lookups=lookups)
        language = translation.get_language() or "en"
        self.fields["standard"].choices = _standard_choices(language)
        self.fields["kind"].choices = _kind_choices(language)


class ComplianceForm(CommitmentFilterForm):
    by = Choice(label=_("Show figures by"))
    page_fields = ("by", "standard", "kind")

    def __init__(self, data, *, lookups: Lookups):
        super().__init__(data, lookups=lookups)
        self.fields["by"].choices = [(by, _capitalised(breakdown_label(by))) for by in COMPLIANCE_BREAKDOWNS]

    @classmethod
    def defaults(cls):
        return {**super().defaults(), "by": "standard"}


class FairnessForm(CommitmentFilterForm):
    characteristic = Choice(label=_("Protected characteristic"))
    page_fields = ("characteristic", "standard", "kind")

    def __init__(self, data, *, lookups: Lookups):
        super().__init__(data, lookups=lookups)
        language = translation.get_language() or "en"
        self.fields["characteristic"].choices = [
            (characteristic, characteristic_label(characteristic, language)) for characteristic in CHARACTERISTICS]

    @classmethod
    def defaults(cls):
        return {**super().defaults(), "characteristic": CHARACTERISTICS[0]}


class SatisfactionForm(FilterForm):
    by = Choice(label=_("Show answers by"))
    page_fields = ("by",)

    def __init__(self, data, *, lookups: Lookups):
        super().__init__(data, lookups=lookups)
        self.fields["by"].choices = [(by, _capitalised(breakdown_label(by))) for by in SATISFACTION_BREAKDOWNS]

    @classmethod
    def defaults(cls):
        return {**super().defaults(), "by": "area"}


class QuarterlyReturnForm(FilterForm):
    """A quarter instead of a period."""

    year = forms.CharField(label=_("Year"), required=False, max_length=4)
    quarter = Choice(label=_("Quarter"), choices=[
        ("1", _("1 (January to March)")), ("2", _("2 (April to June)")), ("3", _("3 (July to September)")),
        ("4", _("4 (October to December)"))])
    layout = (("year", "quarter"), ("area", "organisation", "category", "rights"))

    def __init__(self, data, *, lookups: Lookups):
        super().__init__(data, lookups=lookups)
        del self.fields["start"], self.fields["end"]
        self.fields["year"].govuk = "year"

    @classmethod
    def defaults(cls):
        year, quarter = last_complete_quarter()
        return {"year": str(year), "quarter": str(quarter)}

    def clean_year(self):
        year = (self.cleaned_data.get("year") or "").strip()
        if not year:
            raise forms.ValidationError(_("Enter the year"))
        if not (year.isdigit() and len(year) == 4 and FIRST_YEAR <= int(year) <= LAST_YEAR):
            raise forms.ValidationError(_("The year must be a real year, like 2026"))
        return int(year)

    def clean_quarter(self):
        quarter = self.cleaned_data.get("quarter")
        if not quarter:
            raise forms.ValidationError(_("Choose the quarter"))
        return int(quarter)

    def filters(self) -> Filters:
        """The quarter's months with the other filters (figures.quarterly_return sets the months itself)."""
        from victimcare.monitoring.figures import quarter_months

        start, end = quarter_months(self.cleaned_data["year"], self.cleaned_data["quarter"])
        data = self.cleaned_data
        return Filters(start=start, end=end, area=data.get("area") or "",
                       organisation=int(data["organisation"]) if data.get("organisation") else None,
                       category=data.get("category") or "", rights=data.get("rights") or "")
