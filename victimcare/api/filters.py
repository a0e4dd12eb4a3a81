"""Query-string filters. Related objects are filtered by id as plain numbers, never through a model
choice: a lookup of the id would answer 400 for a case that does not exist and 200 for one the
user may not see, which tells an outsider that it exists."""

from django import forms
from django.utils import timezone
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from victimcare.cases.models import Case
from victimcare.charter.models import Commitment
from victimcare.crimes.models import Crime


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(filters.NumberFilter):
    field_class = forms.IntegerField


class CrimeFilter(filters.FilterSet):
    class Meta:
        model = Crime
        fields = ["category"]


class CaseFilter(filters.FilterSet):
    crime = IdFilter(field_name="crime_id", help_text="Only the cases of this crime (its id).")

    class Meta:
        model = Case
        fields = ["status", "crime", "enhanced_rights"]


class CommitmentFilter(filters.FilterSet):
    case = IdFilter(field_name="case_id", help_text="Only the commitments of this case (its id).")
    overdue = filters.BooleanFilter(
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
