"""When a case is flagged for a multi-agency risk assessment conference (MARAC): plain values in,
reasons out. No database here; the receiver in services.py gathers the values.

Criteria (DOMAIN.md): a DASH score of 14 or more (visible high risk); potential escalation (3 or more
domestic abuse incidents against the same victim in 12 months, this one counted); honour-based
violence; a persistently targeted victim. Professional judgement is the officer's, not a rule's. A
"repeat" referral is one made within 12 months of the victim's last referral.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from django.db import models
from django.utils.translation import gettext_lazy as _


class Reason(models.TextChoices):
    HIGH_RISK_DASH = "high_risk_dash", _("High risk on the DASH checklist")
    PROFESSIONAL_JUDGEMENT = "professional_judgement", _("Professional judgement")
    POTENTIAL_ESCALATION = "potential_escalation", _("Potential escalation: repeated domestic abuse")
    HONOUR_BASED = "honour_based", _("Honour-based abuse")
    PERSISTENTLY_TARGETED = "persistently_targeted", _("Persistently targeted victim")


SETTING = "MULTI_AGENCY_RULE"


@dataclass(frozen=True)
class MultiAgencyRule:
    """Thresholds (settings.MULTI_AGENCY_RULE): a DASH score of `dash_score` or more; `incidents` domestic
    abuse cases within `months` months; a repeat referral within `repeat_months` months of the last one."""

    dash_score: int = 14
    incidents: int = 3
    months: int = 12
    repeat_months: int = 12

    def __post_init__(self) -> None:
        for name in ("dash_score", "incidents", "months", "repeat_months"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"{SETTING} {name} must be a whole number of 1 or more, not {value!r}")

    @classmethod
    def from_setting(cls, value: Mapping | None) -> "MultiAgencyRule":
        value = dict(value or {})
        unknown = set(value) - {"dash_score", "incidents", "months", "repeat_months"}
        if unknown:
            raise ValueError(f"Unknown {SETTING} setting(s): {', '.join(sorted(unknown))}")
        return cls(**value)


def months_before(moment: datetime, months: int) -> datetime:
    """The same moment `months` calendar months earlier (the last day of a shorter month)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    following = date(year + month // 12, month % 12 + 1, 1)
    last_day = (following - date(year, month, 1)).days
    return moment.replace(year=year, month=month, day=min(moment.day, last_day))


@dataclass(frozen=True)
class Circumstances:
    """What is known about the case when the report is recorded."""

    dash_score: int | None = None
    is_domestic_abuse: bool = False
    is_honour_based: bool = False
    is_persistently_targeted: bool = False
    # Domestic abuse cases of the same victim opened within the rule's months, this one included.
    domestic_abuse_cases_in_window: int = 0


def referral_reasons(circumstances: Circumstances, rule: MultiAgencyRule) -> list[Reason]:
    """The criteria the case meets, in a fixed order; empty if none."""
    reasons = []
    if circumstances.dash_score is not None and circumstances.dash_score >= rule.dash_score:
        reasons.append(Reason.HIGH_RISK_DASH)
    if circumstances.is_domestic_abuse and circumstances.domestic_abuse_cases_in_window >= rule.incidents:
        reasons.append(Reason.POTENTIAL_ESCALATION)
    if circumstances.is_honour_based:
        reasons.append(Reason.HONOUR_BASED)
    if circumstances.is_persistently_targeted:
        reasons.append(Reason.PERSISTENTLY_TARGETED)
    return reasons


def is_repeat_referral(last_referral_at: datetime | None, now: datetime, rule: MultiAgencyRule) -> bool:
    """A repeat: the victim's previous referral was within `repeat_months` months before `now`."""
    return last_referral_at is not None and months_before(now, rule.repeat_months) <= last_referral_at <= now
