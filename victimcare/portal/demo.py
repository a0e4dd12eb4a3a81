"""Demo data for the victim portal, added by victimcare.demo.loader after the other areas.

One open case (preferably one going to court, with property and support to show) gets a victim who can
try the portal: an email address (so the sign-in code goes to the outbox's file backend, var/outbox/, or
the console), a contact agreement by email, and a consent they can withdraw. `portal_sign_in()` gives the
crime reference, surname and date of birth to sign in with."""

import datetime as dt

from django.db.models import Count, Q

from victimcare.cases.models import Case
from victimcare.contact.services import Terms, agree_contact, change_agreement, current_agreement
from victimcare.sharing.services import current_consent, record_consent

DEMO_EMAIL = "portal.demo@example.org"


def _candidate(now) -> Case | None:
    cases = (Case.objects.open().filter(officer__isnull=False)
             .annotate(charged=Count("prosecution", distinct=True),
                       items=Count("property_items", filter=Q(property_items__owner_is_victim=True), distinct=True),
                       referrals_made=Count("referrals", distinct=True))
             .select_related("victim", "crime", "officer")
             .order_by("-charged", "-items", "-referrals_made", "opened_at", "pk"))
    return cases.first()


def load_demo(rng, now) -> dict | None:
    """Make one victim ready for the portal; returns what to sign in with (None if there is no open case)."""
    if Case.objects.filter(victim__email=DEMO_EMAIL).exists():
        return portal_sign_in()
    case = _candidate(now)
    if case is None:
        return None
    victim = case.victim
    victim.email = DEMO_EMAIL
    if victim.date_of_birth is None:
        victim.date_of_birth = dt.date(1984, 6, rng.randint(1, 28))
    victim.save(update_fields=["email", "date_of_birth"])
    agreement = current_agreement(case)
    at = now - dt.timedelta(days=1)
    if agreement is None:
        agree_contact(case, Terms(channel="email", every_days=14), actor=case.officer, at=at, via="demo")
    elif agreement.channel != "email":
        terms = Terms(**{name: getattr(agreement, name) for name in Terms.__dataclass_fields__})
        change_agreement(case, Terms(**{**terms.__dict__, "channel": "email"}), actor=case.officer, at=at, via="demo")
    consent = current_consent(victim, "satisfaction_survey")
    if consent is None or consent.decision != "given":
        record_consent(victim=victim, purpose="satisfaction_survey", decision="given", how="verbal",
                       actor=case.officer, case=case, at=at)
    return portal_sign_in()


def portal_sign_in() -> dict | None:
    """{"reference", "surname", "date_of_birth" (day month year, as typed)} for the demo victim, if any."""
    case = (Case.objects.filter(victim__email=DEMO_EMAIL).select_related("victim", "crime")
            .order_by("-opened_at", "-pk").first())
    if case is None:
        return None
    born = case.victim.date_of_birth
    return {"reference": case.crime.reference, "surname": case.victim.family_name,
            "date_of_birth": f"{born.day} {born.month} {born.year}"}
