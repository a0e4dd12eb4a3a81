"""What the API shows: names beside ids, so a client needs no second call to make sense of a row.

Every related object read here is loaded by the view (select_related), so serialising a page costs no
extra queries. Names follow the request's language (Accept-Language: cy gives Welsh names).
"""

from django.utils import timezone
from django.utils.translation import get_language
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from victimcare.cases.models import Case, TimelineEvent
from victimcare.charter.models import Commitment
from victimcare.charter.rules import CommitmentKind, EnhancedReason, KeyDecision
from victimcare.charter.standards import STANDARDS_BY_NUMBER
from victimcare.crimes.models import Crime


def _language() -> str:
    return get_language() or "en"


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class VictimSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(source="full_name", read_only=True)


class OrganisationSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    code = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)


class AreaSerializer(serializers.Serializer):
    code = serializers.CharField(read_only=True, help_text="ONS code")
    name = serializers.CharField(read_only=True)


class CodeLabelSerializer(serializers.Serializer):
    code = serializers.CharField(read_only=True)
    label = serializers.CharField(read_only=True)


class CrimeSummarySerializer(serializers.ModelSerializer):
    category_name = serializers.CharField(read_only=True)
    offence_name = serializers.CharField(read_only=True)
    local_authority = AreaSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Crime
        fields = ["id", "reference", "category", "category_name", "offence", "offence_name", "local_authority"]
        read_only_fields = fields


class CrimeSerializer(CrimeSummarySerializer):
    ward = AreaSerializer(read_only=True, allow_null=True)
    lsoa = AreaSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Crime
        fields = [
            *CrimeSummarySerializer.Meta.fields,
            "ward",
            "lsoa",
            "is_domestic_abuse",
            "is_hate_crime",
            "month",
            "occurred_at",
            "reported_at",
            "location_description",
            "postcode",
            "last_outcome",
        ]
        read_only_fields = fields


class CaseSerializer(serializers.ModelSerializer):
    crime = CrimeSummarySerializer(read_only=True)
    victim = VictimSerializer(read_only=True)
    officer = PersonSerializer(read_only=True, allow_null=True)
    unit = OrganisationSerializer(read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    enhanced_rights_reasons = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = [
            "id",
            "crime",
            "victim",
            "unit",
            "officer",
            "status",
            "status_label",
            "opened_at",
            "closed_at",
            "enhanced_rights",
            "enhanced_rights_reasons",
            "is_vulnerable",
            "is_intimidated",
            "is_persistently_targeted",
            "is_bereaved_relative",
            "response_grade",
            "location_is_rural",
        ]
        read_only_fields = fields

    @extend_schema_field(CodeLabelSerializer(many=True))
    def get_enhanced_rights_reasons(self, case: Case) -> list[dict]:
        language = _language()
        reasons = []
        for code in case.enhanced_rights_reasons:
            try:
                label = EnhancedReason(code).label(language)
            except ValueError:
                label = code
            reasons.append({"code": code, "label": label})
        return reasons


class CommitmentSerializer(serializers.ModelSerializer):
    crime_reference = serializers.CharField(source="case.crime.reference", read_only=True)
    kind_label = serializers.SerializerMethodField()
    standard_title = serializers.SerializerMethodField()
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    is_overdue = serializers.SerializerMethodField()
    owner_organisation = OrganisationSerializer(read_only=True)
    owner_person = PersonSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Commitment
        fields = [
            "id",
            "case",
            "crime_reference",
            "kind",
            "kind_label",
            "standard",
            "standard_title",
            "status",
            "status_label",
            "owner_organisation",
            "owner_person",
            "opened_at",
            "due_at",
            "is_overdue",
            "closed_at",
            "detail",
            "waive_reason",
        ]
        read_only_fields = fields

    def get_kind_label(self, commitment: Commitment) -> str:
        return CommitmentKind(commitment.kind).label(_language())

    def get_standard_title(self, commitment: Commitment) -> str:
        return STANDARDS_BY_NUMBER[commitment.standard].title(_language())

    def get_is_overdue(self, commitment: Commitment) -> bool:
        # One clock for the whole response, so every row of a page agrees.
        now = self.context.setdefault("now", timezone.now())
        return commitment.is_overdue(now)


class TimelineEventSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    actor = PersonSerializer(read_only=True, allow_null=True)
    data = serializers.JSONField(read_only=True, help_text="What was recorded; its keys depend on the kind.")

    class Meta:
        model = TimelineEvent
        fields = ["id", "kind", "kind_label", "occurred_at", "recorded_at", "case", "actor", "data"]
        read_only_fields = fields
        extra_kwargs = {
            "case": {"help_text": "The case the entry belongs to; null for an entry on the crime (every case of it)."}
        }


class StrictUUIDField(serializers.UUIDField):
    """A UUID written as a string: DRF's own also takes a number (12 becomes 00000000-...-00000000000c)."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid", value=data)
        return super().to_internal_value(data)


class KeyDecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=[(d.value, d.label("en")) for d in KeyDecision])
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
    tell_victim = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=2000,
        help_text="What the officer will tell the victim about the decision.",
    )
    submission_id = StrictUUIDField(
        required=False, allow_null=True, default=None,
        help_text="A key the client makes per decision; sending it again (a retry) records nothing new.",
    )
