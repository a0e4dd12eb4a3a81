"""Query-string filters. Related objects are filtered by id as plain numbers, never through a model
choice: a lookup of the id would answer 400 for a case that does not exist and 200 for one the
user may not see, which tells an outsider that it exists.

A filter given with no value (`?overdue=`) is a 400 naming it, like any other value that is not valid, rather
than silently no filter: a client that meant to filter would otherwise get everything."""

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from victimcare.cases.models import Case
from victimcare.charter.models import Commitment
from victimcare.crimes.models import Crime


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(filters.NumberFilter):
    field_class = forms.IntegerField


class StrictBooleanField(forms.Field):
    """true or false (any case); anything else is an error, not "no filter" as django-filter's own would have it."""

    def to_python(self, value):
        if value in (None, ""):
            return None
        lowered = str(value).strip().lower()
        if lowered in ("true", "false"):
            return lowered == "true"
        raise forms.ValidationError(_("Give true or false."), code="invalid")


class StrictBooleanFilter(filters.BooleanFilter):
    field_class = StrictBooleanField

    def __init__(self, *args, **kwargs):
        # django-filter's widget turns anything but true or false into "no filter" before the field sees it.
        kwargs["widget"] = forms.TextInput
        super().__init__(*args, **kwargs)


class StrictFilterSet(filters.FilterSet):
    FILTER_DEFAULTS = {
        **filters.FilterSet.FILTER_DEFAULTS,
        models.BooleanField: {"filter_class": StrictBooleanFilter},
    }

    def is_valid(self) -> bool:
        valid = super().is_valid()
        for name in self.filters:
            if name in self.data and not any(value.strip() for value in self.data.getlist(name)):
                self.form.add_error(name, _("Give a value, or leave this filter out."))
                valid = False
        return valid


class CrimeFilter(StrictFilterSet):
    class Meta:
        model = Crime
        fields = ["category"]


class CaseFilter(StrictFilterSet):
    crime = IdFilter(field_name="crime_id", help_text="Only the cases of this crime (its id).")

    class Meta:
        model = Case
        fields = ["status", "crime", "enhanced_rights"]


class CommitmentFilter(StrictFilterSet):
    case = IdFilter(field_name="case_id", help_text="Only the commitments of this case (its id).")
    overdue = StrictBooleanFilter(
        method="filter_overdue", help_text="true: open and past their due time; false: everything else."
    )

    class Meta:
        model = Commitment
        fields = ["status", "kind", "standard", "overdue", "case"]

    def filter_overdue(self, queryset, name, value):
        now = timezone.now()
        if value:
            return queryset.overdue(now)
        return queryset.exclude(pk__in=Commitment.objects.overdue(now).values("pk"))
