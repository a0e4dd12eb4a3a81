"""The API for organisations a case is shared with: the cases shared in force with the caller's
organisations, and one case showing exactly the items shared (a part not shared is absent, not empty).

Anything not shared in force with the caller's organisations is a 404. Police users, whose
organisations never receive disclosures, get an empty list. Every read is logged (channel API)."""

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from victimcare.api.models import Scope
from victimcare.api.views import access_log_what
from victimcare.cases.access import log_case_access, log_cases_listed
from victimcare.cases.models import CaseAccessLog
from victimcare.sharing import partner
from victimcare.sharing.access import receiving_organisation_ids
from victimcare.sharing.models import SharedItem

API = CaseAccessLog.Channel.API
OPTIONAL = "Present only when this was shared with your organisation."


class SharedCaseSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True, help_text="The case's id.")
    crime_reference = serializers.CharField(read_only=True)
    shared_items = serializers.ListField(child=serializers.ChoiceField(choices=SharedItem.choices), read_only=True,
                                         help_text="What was shared with your organisation, in force now.")
    shared_since = serializers.DateTimeField(read_only=True)

    def to_representation(self, row):
        return {"id": row["case"].pk, "crime_reference": row["case"].crime.reference, "shared_items": row["items"],
                "shared_since": serializers.DateTimeField().to_representation(row["since"])}


class IncidentSerializer(serializers.Serializer):
    category = serializers.CharField(help_text="Offence category, in the request's language.")
    offence = serializers.CharField()
    date = serializers.DateField(allow_null=True, help_text="When it happened, if known.")
    month = serializers.DateField(help_text="First day of the month the crime was recorded in.")
    ward = serializers.CharField()
    area = serializers.CharField(help_text="The local authority.")
    location = serializers.CharField(help_text="The location description (never the victim's details).")


class VictimNameSerializer(serializers.Serializer):
    name = serializers.CharField()
    date_of_birth = serializers.DateField(allow_null=True)


class ContactSerializer(serializers.Serializer):
    phone = serializers.CharField()
    email = serializers.CharField()
    address = serializers.CharField()
    postcode = serializers.CharField()


class RiskSerializer(serializers.Serializer):
    risk_level = serializers.CharField(source="risk_level_code", help_text="standard, medium or high; empty if none.")
    dash_score = serializers.IntegerField(allow_null=True)


class NeedsSerializer(serializers.Serializer):
    impact = serializers.CharField()
    communication = serializers.CharField()
    safe_ways = serializers.ListField(child=serializers.CharField())
    safe_times = serializers.CharField()
    leave_messages = serializers.BooleanField(allow_null=True)


class ProgressSerializer(serializers.Serializer):
    status = serializers.CharField(source="status_code", help_text="open or closed.")
    last_decision = serializers.CharField(help_text="The latest investigation decision, if any.")
    last_decision_at = serializers.DateTimeField(allow_null=True)


class SharedNoteSerializer(serializers.Serializer):
    shared_at = serializers.DateTimeField()
    shared_items = serializers.ListField(child=serializers.ChoiceField(choices=SharedItem.choices))
    summary = serializers.CharField(help_text="What the police told your organisation with this disclosure (why it "
                                              "was shared, in the request's language, then the police's words).")


PARTS = {
    "incident": IncidentSerializer, "victim": VictimNameSerializer, "contact": ContactSerializer,
    "risk_assessment": RiskSerializer, "needs": NeedsSerializer, "case_progress": ProgressSerializer,
}


class SharedCaseSerializer(SharedCaseSummarySerializer):
    disclosures = SharedNoteSerializer(many=True, read_only=True)
    incident = IncidentSerializer(required=False, help_text=OPTIONAL)
    victim = VictimNameSerializer(required=False, help_text=OPTIONAL)
    contact = ContactSerializer(required=False, help_text=OPTIONAL)
    risk_assessment = RiskSerializer(required=False, help_text=OPTIONAL)
    needs = NeedsSerializer(required=False, help_text=OPTIONAL)
    case_progress = ProgressSerializer(required=False, help_text=OPTIONAL)

    def to_representation(self, shared):
        data = super().to_representation({"case": shared.case, "since": shared.since,
                                          "items": [i for i in SharedItem.values if i in shared.items]})
        data["disclosures"] = SharedNoteSerializer(
            [{"shared_at": d.shared_at, "shared_items": d.items, "summary": d.told_text} for d in shared.disclosures],
            many=True).data
        values = {"incident": shared.incident, "victim": shared.victim, "contact": shared.contact,
                  "risk_assessment": shared.risk, "needs": shared.needs, "case_progress": shared.progress}
        for name, value in values.items():
            if value is not None:
                data[name] = PARTS[name](value).data
        return data


@extend_schema_view(
    list=extend_schema(
        summary="Cases shared with your organisation",
        description="Cases with information shared in force with your organisation (a partner agency, a "
                    "victims' service or a neighbourhood team). Police users get an empty list. Each case "
                    "listed is logged as a read.",
    ),
    retrieve=extend_schema(
        summary="A case shared with your organisation",
        description="Exactly what was shared with your organisation, in force now: a part not shared is absent. "
                    "The read is logged.",
        parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH, description="The case's id.")],
        responses={200: SharedCaseSerializer,
                   404: OpenApiResponse(description="Nothing of this case is shared with your organisation now.")},
    ),
)
class SharedCaseViewSet(viewsets.GenericViewSet):
    token_scope = Scope.READ_SHARED_CASES
    serializer_class = SharedCaseSummarySerializer
    filter_backends: list = []
    queryset = None

    def get_serializer_class(self):
        return SharedCaseSerializer if self.action == "retrieve" else SharedCaseSummarySerializer

    def list(self, request):
        rows = partner.shared_cases(receiving_organisation_ids(request.user))
        page = self.paginate_queryset(rows)
        log_cases_listed([row["case"] for row in page], request.user, what=access_log_what(request, self),
                         channel=API)
        return self.get_paginated_response(SharedCaseSummarySerializer(page, many=True).data)

    def retrieve(self, request, pk=None):
        try:
            case_id = int(pk)
        except (TypeError, ValueError):
            raise Http404("No such case") from None
        shared = partner.shared_case(case_id, receiving_organisation_ids(request.user))
        if shared is None:
            raise Http404("No such case")
        log_case_access(shared.case, request.user, CaseAccessLog.Action.VIEWED,
                        what=access_log_what(request, self), channel=API)
        return Response(SharedCaseSerializer(shared).data)
