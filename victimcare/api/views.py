"""Read-only endpoints for crimes, cases, commitments and timelines, and one write: recording an
investigation decision on a case.

Every queryset starts from `visible_cases`, so a user can only ever reach what the web screens would
show them. A case is loaded through `get_case_for_user` (404 for outsiders, read logged); a list logs
each case it shows in one query. Crimes carry no victim's details and are not logged.
"""

from urllib.parse import urlencode

from django.db.models import Q
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from victimcare.api.authentication import TokenHasScope
from victimcare.api.filters import CaseFilter, CommitmentFilter, CrimeFilter
from victimcare.api.models import Scope
from victimcare.api.permissions import MayChangeCase, NotFiguresOnly
from victimcare.api.serializers import (
    CaseSerializer,
    CommitmentSerializer,
    CrimeSerializer,
    KeyDecisionSerializer,
    TimelineEventSerializer,
)
from victimcare.cases.access import get_case_for_user, log_case_access, log_cases_listed, visible_cases
from victimcare.cases.models import CaseAccessLog, TimelineEvent
from victimcare.cases.services import CaseStateError, record_key_decision
from victimcare.charter.models import Commitment
from victimcare.charter.rules import KeyDecision
from victimcare.crimes.models import Crime

API = CaseAccessLog.Channel.API


def access_log_what(request, view=None) -> str:
    """The endpoint, as the access log records it: method, path and the parameters the view knows (its filters
    and the page), with their values. The rest of a query string is the client's to fill, perhaps with a name,
    and the log can never be changed, so it is left out."""
    filterset_class = getattr(view, "filterset_class", None)
    known = {"page", *(filterset_class.base_filters if filterset_class else ())}
    query = urlencode(sorted((name, value[:40]) for name, value in request.GET.items() if name in known))
    return f"{request.method} {request.path}" + (f"?{query}" if query else "")


@extend_schema_view(
    list=extend_schema(summary="Crimes in which you can see a case"),
    retrieve=extend_schema(summary="A crime in which you can see a case"),
)
class CrimeViewSet(viewsets.ReadOnlyModelViewSet):
    token_scope = Scope.READ_CASES
    serializer_class = CrimeSerializer
    filterset_class = CrimeFilter

    def get_queryset(self):
        return Crime.objects.filter(pk__in=visible_cases(self.request.user).values("crime_id")).select_related(
            "local_authority", "ward", "lsoa"
        )


@extend_schema_view(
    list=extend_schema(summary="Cases you can see", description="Each case listed is logged as a read."),
    retrieve=extend_schema(summary="A case", description="404 if you may not see it. The read is logged."),
)
class CaseViewSet(viewsets.ReadOnlyModelViewSet):
    token_scope = Scope.READ_CASES
    serializer_class = CaseSerializer
    filterset_class = CaseFilter

    def get_queryset(self):
        return visible_cases(self.request.user).select_related(
            "crime__local_authority", "victim", "unit", "officer"
        ).order_by("-opened_at", "-id")  # newest first, in a fixed order for paging (cases_case_unit_newest)

    def get_object(self):
        case = get_case_for_user(self.request.user, self.kwargs["pk"], what=access_log_what(self.request, self),
                                 channel=API, queryset=self.get_queryset())
        self.check_object_permissions(self.request, case)
        return case

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        log_cases_listed(page, request.user, what=access_log_what(request, self), channel=API)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        summary="The case's timeline",
        description="The case's own entries and its crime's entries (those on no case), oldest first.",
        responses={200: TimelineEventSerializer(many=True)},
    )
    @action(detail=True, filter_backends=[], serializer_class=TimelineEventSerializer)
    def timeline(self, request, pk=None):
        case = self.get_object()
        events = (
            TimelineEvent.objects.filter(Q(case=case) | Q(crime_id=case.crime_id, case__isnull=True))
            .select_related("actor")
            .order_by("occurred_at", "id")
        )
        page = self.paginate_queryset(events)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        summary="Record an investigation decision",
        description=(
            "Records the decision on the case's timeline and opens the commitment to tell the victim "
            "(within 1 working day with enhanced rights, otherwise 5). Officers and supervisors of the "
            "case's unit only."
        ),
        request=KeyDecisionSerializer,
        responses={
            201: OpenApiResponse(CommitmentSerializer, description="The commitment the decision opened."),
            400: OpenApiResponse(description="A field is missing or not valid; the response names it."),
            403: OpenApiResponse(description="You can see the case but may not change it."),
            404: OpenApiResponse(description="No such case, or one you may not see."),
            409: OpenApiResponse(description="The case is closed."),
        },
    )
    @action(
        detail=True,
        methods=["post"],
        filter_backends=[],
        permission_classes=[IsAuthenticated, NotFiguresOnly, TokenHasScope, MayChangeCase],
        serializer_class=KeyDecisionSerializer,
        token_scope=Scope.RECORD_DECISIONS,
    )
    def decisions(self, request, pk=None):
        case = self.get_object()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            commitment = record_key_decision(
                case,
                KeyDecision(serializer.validated_data["decision"]),
                actor=request.user,
                note=serializer.validated_data["note"],
                tell_victim=serializer.validated_data["tell_victim"],
                channel=API,
                idempotency_key=_key(serializer.validated_data["submission_id"]),
            )
        except CaseStateError as error:
            return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
        data = CommitmentSerializer(commitment, context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(
        summary="Commitments of the cases you can see",
        description="Each case whose commitments are listed is logged as a read.",
    ),
    retrieve=extend_schema(summary="A commitment", description="The read is logged against its case."),
)
class CommitmentViewSet(viewsets.ReadOnlyModelViewSet):
    token_scope = Scope.READ_CASES
    serializer_class = CommitmentSerializer
    filterset_class = CommitmentFilter

    def get_queryset(self):
        return Commitment.objects.filter(case__in=visible_cases(self.request.user)).select_related(
            "case__crime", "owner_organisation", "owner_person"
        )

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        cases = {commitment.case_id: commitment.case for commitment in page}
        log_cases_listed(cases.values(), request.user, what=access_log_what(request, self), channel=API)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        commitment = self.get_object()
        log_case_access(commitment.case, request.user, CaseAccessLog.Action.VIEWED,
                        what=access_log_what(request, self), channel=API)
        return Response(self.get_serializer(commitment).data)


def _key(submission_id) -> str | None:
    return str(submission_id) if submission_id else None


@csrf_exempt  # it changes nothing, whatever the method
def not_found(request, rest):
    return JsonResponse({"detail": _("No such endpoint or object.")}, status=404)
