from django.db import models
from django.utils.translation import gettext_lazy as _


class RiskLevel(models.TextChoices):
    STANDARD = "standard", _("Standard")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class Proposal(models.TextChoices):
    """What the system proposes at first contact and the user confirms or overrides with a reason."""

    REPEAT_VICTIM = "repeat_victim", _("repeat victim")
    ENHANCED_RIGHTS = "enhanced_rights", _("enhanced rights")
    RISK_LEVEL = "risk_level", _("risk level")
    RESPONSE_GRADE = "response_grade", _("response grade")
