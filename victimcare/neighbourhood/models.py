"""Neighbourhood teams (charter standard 6): which team covers which ward, the incidents each team is
told of, what it did about them, and the partner agencies that follow a team's feed."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TeamWard(models.Model):
    """A ward a neighbourhood team covers. One team per ward."""

    team = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="team_wards",
                             limit_choices_to={"kind": "neighbourhood_team"})
    ward = models.OneToOneField("areas.Ward", on_delete=models.PROTECT, related_name="team_ward")
    assigned_at = models.DateTimeField(default=timezone.now)
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")

    class Meta:
        ordering = ["ward__name_en"]

    def __str__(self) -> str:
        return f"{self.ward_id} -> {self.team_id}"


class DefaultTeam(models.Model):
    """The team told of incidents in a local authority's wards that no team covers, or with no ward."""

    local_authority = models.OneToOneField("areas.LocalAuthority", on_delete=models.PROTECT,
                                           related_name="default_team")
    team = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="default_for",
                             limit_choices_to={"kind": "neighbourhood_team"})
    set_at = models.DateTimeField(default=timezone.now)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="+")

    def __str__(self) -> str:
        return f"{self.local_authority_id} -> {self.team_id}"


class IncidentNoticeQuerySet(models.QuerySet):
    def for_teams(self, team_ids):
        return self.filter(team_id__in=team_ids)

    def for_subscribers(self, organisation_ids, at=None):
        """Notices of the teams these organisations follow now, received since that subscription started."""
        subscribed = FeedSubscription.objects.active(at).filter(
            organisation_id__in=organisation_ids, team_id=OuterRef("team_id"), started_at__lte=OuterRef("received_at"))
        return self.filter(Exists(subscribed))

    def unacknowledged(self):
        return self.filter(acknowledged_at__isnull=True)

    def acknowledged(self):
        return self.filter(acknowledged_at__isnull=False)


class IncidentNotice(models.Model):
    """A neighbourhood team was told of an incident in its area. It owes an acknowledgement."""

    class RoutedBy(models.TextChoices):
        WARD = "ward", _("Ward")
        LSOA = "lsoa", _("Ward found from the LSOA")
        DEFAULT = "default", _("Default team of the local authority")
        UNIT_AREA = "unit_area", _("Place not found: default team of the area of the case's unit")

    crime = models.ForeignKey("crimes.Crime", on_delete=models.PROTECT, related_name="neighbourhood_notices")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="neighbourhood_notices")
    team = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="incident_notices")
    ward = models.ForeignKey("areas.Ward", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    local_authority = models.ForeignKey("areas.LocalAuthority", on_delete=models.PROTECT, null=True, blank=True,
                                        related_name="+")
    routed_by = models.CharField(max_length=10, choices=RoutedBy.choices)
    received_at = models.DateTimeField(default=timezone.now)
    commitment = models.OneToOneField("charter.Commitment", on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="incident_notice")
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                        related_name="+")

    objects = IncidentNoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["crime", "team"], name="one_notice_per_crime_and_team")]
        indexes = [models.Index(fields=["team", "-received_at"])]

    def __str__(self) -> str:
        return f"{self.crime_id} told to {self.team_id}"

    def acknowledgement(self, now=None) -> dict:
        """How the team's acknowledgement stands: "acknowledged" (on time), "late", "overdue" or "due"."""
        now = now or timezone.now()
        due_at = self.commitment.due_at if self.commitment_id else None
        if self.acknowledged_at:
            state = "late" if due_at and self.acknowledged_at > due_at else "acknowledged"
        else:
            state = "overdue" if due_at and due_at < now else "due"
        return {"state": state, "due_at": due_at}


class LocalAction(models.Model):
    """What the team did locally about an incident (a patrol, a visit, a word with a partner)."""

    notice = models.ForeignKey(IncidentNotice, on_delete=models.PROTECT, related_name="local_actions")
    text = models.TextField(_("local action"))
    noted_at = models.DateTimeField(default=timezone.now)
    noted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["noted_at", "id"]

    def __str__(self) -> str:
        return f"Local action on notice {self.notice_id}"


class FeedSubscriptionQuerySet(models.QuerySet):
    def active(self, at=None):
        at = at or timezone.now()
        return self.filter(Q(ended_at__isnull=True) | Q(ended_at__gt=at), started_at__lte=at)


class FeedSubscription(models.Model):
    """A partner agency follows a neighbourhood team's feed: the incident summaries only."""

    team = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="feed_subscriptions")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                                     related_name="feed_subscriptions_held")
    started_at = models.DateTimeField(default=timezone.now)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+")

    objects = FeedSubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["team", "organisation"], condition=Q(ended_at__isnull=True),
                                    name="one_current_subscription_per_team_and_organisation"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} follows {self.team_id}"
