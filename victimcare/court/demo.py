"""Demo data for court and witness care, added by victimcare.demo.loader after the demo cases are built.

Four open charged cases (a charge among their decisions, else awaiting a court outcome, else any open)
go to court, owned by gwent-witness-care: one heading for trial after a not-guilty plea (news told on
time and late, needs
assessed, special measures granted, VPS offered); one sentenced to 18 months for a violent offence and
referred to probation-gwent's Victim Contact Scheme (VPS read aloud); one with a bail decision and a
hearing date not yet told, now overdue; one charged this week with its first appearance just listed."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from victimcare.accounts.models import User
from victimcare.cases.models import Case, TimelineEvent
from victimcare.charter.rules import CourtNews, KeyDecision
from victimcare.court import services
from victimcare.court.models import Hearing, Prosecution
from victimcare.organisations.models import Organisation

COURTS = ("Newport Magistrates' Court", "Cardiff Crown Court", "Newport Crown Court", "Cwmbran Magistrates' Court")
DEFENDANTS = ("Dylan Morgan", "Kieran Walsh", "Shane Pritchard", "Liam Hughes")
CHARGES = (("Assault occasioning actual bodily harm", True), ("Wounding with intent", True),
           ("Harassment", False), ("Criminal damage", False))


def _at(day, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _candidates(now) -> list[Case]:
    charged = set(TimelineEvent.objects.filter(kind=TimelineEvent.Kind.KEY_DECISION,
                                               data__decision=KeyDecision.CHARGED).values_list("case_id", flat=True))
    cases = list(Case.objects.open().filter(opened_at__lt=now - timedelta(days=50)).select_related("crime", "officer")
                 .order_by("opened_at", "pk"))
    first = [case for case in cases if case.pk in charged]
    then = [case for case in cases if case.pk not in charged and case.crime.last_outcome == "Awaiting court outcome"]
    rest = [case for case in cases if case not in first and case not in then]
    return (first + then + rest)[:4]


def load_demo(rng, now) -> None:
    unit = Organisation.objects.filter(code="gwent-witness-care").first()
    probation = Organisation.objects.filter(code="probation-gwent").first()
    wcu = User.objects.filter(username="bethan.owen").first()
    fallback = User.objects.filter(username="olwen.price").first()
    if None in (unit, probation, wcu, fallback) or Prosecution.objects.exists():
        return
    cases = _candidates(now)
    if len(cases) < 4:
        return
    today = timezone.localdate(now)
    stories = (_to_trial, _sentenced, _overdue, _first_appearance)
    for n, (case, story) in enumerate(zip(cases, stories, strict=True)):
        days = 45 if story is not _first_appearance else 3
        charged_at = _at(today - timedelta(days=days), 11)
        wording, violent = CHARGES[n]
        prosecution = services.start_prosecution(
            case, court=COURTS[n], defendant=DEFENDANTS[n], charge=wording, violent_or_sexual=violent,
            custody=rng.choice(("bail", "custody")), witness_care_unit=unit, actor=case.officer or fallback,
            at=charged_at, channel="system")
        story(prosecution, wcu, probation, today, now)


def _listed(prosecution, wcu, kind, day, received_at, *, place="Court 1", hour=10, told_after=None):
    item = services.list_hearing(prosecution, kind=kind, starts_at=_at(day, hour), place=place,
                                 received_at=received_at, actor=wcu, at=received_at + timedelta(minutes=10))
    if told_after is not None:
        services.record_told(item, how="phone", actor=wcu, at=received_at + told_after)
    return item.hearing


def _to_trial(prosecution, wcu, probation, today, now):
    start = prosecution.charged_at
    plea = _listed(prosecution, wcu, Hearing.Kind.PLEA, today - timedelta(days=30), start + timedelta(days=1),
                   told_after=timedelta(hours=3))
    heard = _at(today - timedelta(days=30), 13)
    item = services.record_plea(plea, Hearing.Plea.NOT_GUILTY, received_at=heard, actor=wcu, at=heard)
    services.record_told(item, how="phone", actor=wcu, at=heard + timedelta(hours=2))
    services.offer_vps(prosecution, actor=wcu, at=start + timedelta(days=2))
    services.assess_witness_needs(prosecution, needs=["anxiety", "intimidation"], actor=wcu,
                                  note="Frightened of seeing the defendant's family outside court.",
                                  at=heard + timedelta(days=2))
    services.request_special_measures(prosecution, measures=["screens"], actor=wcu, at=heard + timedelta(days=3))
    services.decide_special_measures(prosecution, measures=["screens"], decision="granted", actor=wcu,
                                     at=heard + timedelta(days=10))
    received = _at(today - timedelta(days=6), 15)  # told three days later: late
    _listed(prosecution, wcu, Hearing.Kind.TRIAL, today + timedelta(days=14), received, place="Court 2",
            told_after=timedelta(days=3))
    services.record_pre_trial_visit(prosecution, outcome="offered", actor=wcu, at=received + timedelta(days=3))
    services.record_expenses_information(prosecution, actor=wcu, at=received + timedelta(days=3))


def _sentenced(prosecution, wcu, probation, today, now):
    start = prosecution.charged_at
    first = _listed(prosecution, wcu, Hearing.Kind.FIRST_APPEARANCE, today - timedelta(days=40),
                    start + timedelta(hours=4), told_after=timedelta(hours=1))
    heard = _at(today - timedelta(days=40), 12)
    item = services.record_plea(first, Hearing.Plea.GUILTY, received_at=heard, actor=wcu, at=heard)
    services.record_told(item, how="phone", actor=wcu, at=heard + timedelta(hours=1))
    services.record_vps_made(prosecution, made_on=(heard + timedelta(days=3)).date(), actor=wcu,
                             at=heard + timedelta(days=3))
    sentencing = _listed(prosecution, wcu, Hearing.Kind.SENTENCING, today - timedelta(days=8),
                         heard + timedelta(hours=2), told_after=timedelta(hours=2))
    sentenced = _at(today - timedelta(days=8), 15)
    item = services.record_sentence(sentencing, custody_months=18, received_at=sentenced, actor=wcu, at=sentenced)
    services.record_told(item, how="in_person", actor=wcu, at=sentenced + timedelta(minutes=30))
    services.record_vps_at_sentencing(prosecution, use="read_aloud", actor=wcu, at=sentenced + timedelta(hours=1))
    services.refer_to_vcs(prosecution, probation=probation, actor=wcu, at=sentenced + timedelta(days=2))


def _overdue(prosecution, wcu, probation, today, now):
    start = prosecution.charged_at
    bail = _listed(prosecution, wcu, Hearing.Kind.BAIL, today - timedelta(days=20), start + timedelta(days=1),
                   told_after=timedelta(hours=5))
    heard = _at(today - timedelta(days=20), 14)
    item = services.record_bail(bail, Hearing.Bail.GRANTED, conditions="Not to contact the victim or go to her street",
                                received_at=heard, actor=wcu, at=heard)
    services.record_told(item, how="phone", actor=wcu, at=heard + timedelta(days=1))
    services.offer_vps(prosecution, actor=wcu, at=start + timedelta(days=3))
    received = now - timedelta(days=6)  # never told: overdue
    _listed(prosecution, wcu, Hearing.Kind.TRIAL, today + timedelta(days=35), received)
    services.record_news(prosecution, CourtNews.MUST_GIVE_EVIDENCE, received_at=received, actor=wcu,
                         details="The defence does not accept the victim's statement.", at=received)


def _first_appearance(prosecution, wcu, probation, today, now):
    received = now - timedelta(hours=2)
    _listed(prosecution, wcu, Hearing.Kind.FIRST_APPEARANCE, today + timedelta(days=7), received, place="Court 4")
