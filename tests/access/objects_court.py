"""What the court app sets up for the access matrix: objects its URL arguments name (From("...")), and
the state the personas need (see tests/access/rules.py).

The officer records the charge on the shared `case`: its prosecution is owned by the `witness_care`
persona's Witness Care Unit (so that persona sees the case, read-only). A trial is listed from news the
unit received an hour ago; the victim has not yet been told."""

import datetime as dt

from django.utils import timezone

from victimcare.court import services
from victimcare.court.models import Hearing


def make(case, personas) -> dict:
    unit = personas["witness_care"].memberships.get().organisation
    now = timezone.now()
    prosecution = services.start_prosecution(
        case, court="Newport Magistrates' Court", defendant="Dylan Morgan", charge="Assault by beating",
        violent_or_sexual=True, witness_care_unit=unit, actor=personas["officer"], at=now - dt.timedelta(hours=2))
    news = services.list_hearing(prosecution, kind=Hearing.Kind.TRIAL, starts_at=now + dt.timedelta(days=30),
                                 place="Court 1", received_at=now - dt.timedelta(hours=1),
                                 actor=personas["witness_care"])
    return {"prosecution": prosecution, "hearing": news.hearing, "news": news}
