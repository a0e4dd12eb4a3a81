"""The Commissioner's figures, kept current as commitments change and surveys are answered, so the
dashboards add up a few thousand cells instead of scanning every case.

`CommitmentFact` remembers what each commitment last counted towards (so a change can take it out of
its old cells and put it in its new ones). The cells hold no personal data: only counts by month,
commitment kind, owning organisation, local authority, crime category, rights and (for fairness) one
protected characteristic's group.
"""

from django.db import models

OUTCOMES = ("met", "met_late", "missed", "waived", "open")


class CommitmentFact(models.Model):
    commitment = models.OneToOneField("charter.Commitment", on_delete=models.CASCADE, primary_key=True,
                                      related_name="fact")
    month = models.DateField(help_text="First day of the month the commitment fell due in (London time).")
    due_at = models.DateTimeField()
    kind = models.CharField(max_length=40)
    standard = models.PositiveSmallIntegerField()
    organisation_id = models.IntegerField()
    area = models.CharField(max_length=9, blank=True, help_text="Local authority code, '' if unknown.")
    category = models.CharField(max_length=30, blank=True)
    enhanced = models.BooleanField()
    outcome = models.CharField(max_length=10)
    minutes_to_meet = models.PositiveIntegerField(null=True)
    groups = models.JSONField(default=dict, help_text="{characteristic: group} when the commitment was counted.")

    class Meta:
        indexes = [models.Index(fields=["outcome", "due_at"])]

    def __str__(self) -> str:
        return f"Commitment {self.commitment_id} counted as {self.outcome} in {self.month:%Y-%m}"



class CellCounts(models.Model):
    """What every cell counts: commitments due in its month, by how they ended."""

    month = models.DateField()
    kind = models.CharField(max_length=40)
    standard = models.PositiveSmallIntegerField()
    organisation_id = models.IntegerField()
    area = models.CharField(max_length=9, blank=True)
    enhanced = models.BooleanField()
    total = models.IntegerField(default=0)
    met = models.IntegerField(default=0)
    met_late = models.IntegerField(default=0)
    missed = models.IntegerField(default=0)
    waived = models.IntegerField(default=0)
    open = models.IntegerField(default=0)

    class Meta:
        abstract = True


class ComplianceCell(CellCounts):
    category = models.CharField(max_length=30, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(
            fields=["month", "kind", "organisation_id", "area", "category", "enhanced"], name="one_compliance_cell")]
        indexes = [models.Index(fields=["month", "standard"])]

    def __str__(self) -> str:
        return f"{self.kind} due {self.month:%Y-%m}: {self.total}"



class FairnessCell(CellCounts):
    """As ComplianceCell for one protected characteristic's group, without the crime category (with it
    the cells would be nearly as many as the commitments)."""

    characteristic = models.CharField(max_length=20)
    group = models.CharField(max_length=30)

    class Meta:
        constraints = [models.UniqueConstraint(
            fields=["characteristic", "group", "month", "kind", "organisation_id", "area", "enhanced"],
            name="one_fairness_cell")]
        indexes = [models.Index(fields=["characteristic", "month"])]

    def __str__(self) -> str:
        return f"{self.kind} due {self.month:%Y-%m}, {self.characteristic} {self.group}: {self.total}"



class TimeToMeetCell(models.Model):
    """How many commitments of a ComplianceCell's kind were met within `bucket` minutes but not within the
    bucket below (facts.BUCKETS)."""

    month = models.DateField()
    kind = models.CharField(max_length=40)
    standard = models.PositiveSmallIntegerField()
    organisation_id = models.IntegerField()
    area = models.CharField(max_length=9, blank=True)
    category = models.CharField(max_length=30, blank=True)
    enhanced = models.BooleanField()
    bucket = models.PositiveIntegerField()
    count = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(
            fields=["month", "kind", "organisation_id", "area", "category", "enhanced", "bucket"],
            name="one_time_to_meet_cell")]
        indexes = [models.Index(fields=["month", "standard"])]

    def __str__(self) -> str:
        return f"{self.kind} due {self.month:%Y-%m} met within {self.bucket} min: {self.count}"



class KindTimeToMeetCell(models.Model):
    """TimeToMeetCell added up over organisations, areas, categories and rights: what the unfiltered
    dashboards read, a few thousand rows a year instead of hundreds of thousands."""

    month = models.DateField()
    kind = models.CharField(max_length=40)
    standard = models.PositiveSmallIntegerField()
    bucket = models.PositiveIntegerField()
    count = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["month", "kind", "bucket"], name="one_kind_time_to_meet_cell")]

    def __str__(self) -> str:
        return f"{self.kind} due {self.month:%Y-%m} met within {self.bucket} min: {self.count}"


class SatisfactionCell(models.Model):
    """Survey answers by the month they were given, the case's unit, area, crime category, rights,
    whether the victim's updates were on time, and (characteristic '' for everyone) one group.
    `ratings` is {stage: [count of 1, 2, 3, 4, 5]}."""

    month = models.DateField()
    organisation_id = models.IntegerField()
    area = models.CharField(max_length=9, blank=True)
    category = models.CharField(max_length=30, blank=True)
    enhanced = models.BooleanField()
    updates = models.CharField(max_length=10)
    characteristic = models.CharField(max_length=20, blank=True)
    group = models.CharField(max_length=30, blank=True)
    answered = models.IntegerField(default=0)
    ratings = models.JSONField(default=dict)

    class Meta:
        constraints = [models.UniqueConstraint(
            fields=["characteristic", "group", "month", "organisation_id", "area", "category", "enhanced", "updates"],
            name="one_satisfaction_cell")]

    def __str__(self) -> str:
        return f"Survey answers {self.month:%Y-%m}: {self.answered}"



class SurveyFact(models.Model):
    """What one survey answer counts towards (as CommitmentFact does for a commitment)."""

    survey = models.OneToOneField("satisfaction.SurveyResponse", on_delete=models.CASCADE, primary_key=True,
                                  related_name="fact")
    month = models.DateField()
    organisation_id = models.IntegerField()
    area = models.CharField(max_length=9, blank=True)
    category = models.CharField(max_length=30, blank=True)
    enhanced = models.BooleanField()
    updates = models.CharField(max_length=10)
    groups = models.JSONField(default=dict)
    ratings = models.JSONField(default=dict, help_text="{stage: rating 1..5}")

    def __str__(self) -> str:
        return f"Survey {self.survey_id} counted in {self.month:%Y-%m}"
