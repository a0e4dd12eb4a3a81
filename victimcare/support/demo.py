"""Demo data for victims' services, added by victimcare.demo.loader after the demo cases are built.

The sample directory (victimcare.support.samples) links Connect Gwent, Victim Support (Gwent) and New
Pathways to their demo organisations. The case histories refer through `refer_in_story` (the victim
agrees, the officer refers to Connect Gwent, the hub answers). `load_demo` then plays out, on open cases
not waiting for a referral (any support the history gave ends first, some weeks ago): needs assessments,
a victim who declined, victims who opted out once recovered and who came back, and referrals in every
status to Connect Gwent and New Pathways, some overdue."""

from datetime import datetime, timedelta

from victimcare.accounts.models import User
from victimcare.cases.models import Case
from victimcare.charter.models import Commitment
from victimcare.charter.rules import CommitmentKind
from victimcare.sharing.models import Decision, How
from victimcare.support import services
from victimcare.support.models import Referral, SupportNeed
from victimcare.support.samples import load_sample_services, sample_service

HUB_CASEWORKER = "nia.jenkins"
NEW_PATHWAYS_CASEWORKER = "iwan.davies"
NEVER = "never"


def refer_in_story(story, consented_at: datetime, timing: str) -> datetime:
    """The victim agrees to support; unless `timing` is NEVER, the officer refers to Connect Gwent (on time
    or late, as `timing` says) and the hub accepts and contacts the victim within its own targets."""
    case, officer = story.case, story.cast.officer
    services.record_support_choice(case, Decision.GIVEN, how=story.rng.choice([How.VERBAL, How.WRITTEN]),
                                   actor=officer, at=story.past(consented_at))
    commitment = case.commitments.filter(kind=CommitmentKind.REFERRAL_TO_SUPPORT).order_by("-id").first()
    if timing == NEVER or commitment is None:
        return story.past(consented_at)
    sent_at = story.done_in_office_hours(commitment.opened_at, commitment.due_at, timing)
    referral = services.send_referral(case, sample_service("connect-gwent"), actor=officer, at=sent_at,
                                      needs=[SupportNeed.EMOTIONAL, SupportNeed.PRACTICAL])
    caseworker = User.objects.get(username=HUB_CASEWORKER)
    accepted_at = sent_at + timedelta(hours=story.rng.randint(2, 20))
    if accepted_at < story.now:
        services.accept_referral(referral, actor=caseworker, at=accepted_at)
        contacted_at = accepted_at + timedelta(hours=story.rng.randint(3, 30))
        if contacted_at < story.now:
            services.record_victim_contacted(referral, actor=caseworker, at=contacted_at)
    return sent_at


# How many days ago each play's referral was sent: long enough for what follows, or for the service's
# answer (2 working days) or its contact with the victim to be overdue, or recent enough to be on time.
SENT_DAYS_AGO = {"sent-overdue": 7, "sent": 0.5, "accepted-overdue": 8, "accepted": 1.5, "contacted": 8,
                 "in-progress": 9, "closed": 21, "rejected": 8, "declined-at-service": 8, "opted-out": 21,
                 "came-back": 21}


class Clock:
    """Times on one case: `days_ago` days before now, but never before the case opened, and in order."""

    def __init__(self, case: Case, now: datetime):
        self.case, self.now, self.last = case, now, case.opened_at + timedelta(hours=1)

    def at(self, days_ago: float) -> datetime:
        moment = max(self.now - timedelta(days=days_ago), self.last + timedelta(minutes=30))
        self.last = min(moment, self.now - timedelta(minutes=1))
        return self.last


def load_demo(rng, now) -> None:
    load_sample_services()
    officer_of = {case.pk: case.officer for case in Case.objects.select_related("officer")}
    owing = set(Commitment.objects.open().filter(kind=CommitmentKind.REFERRAL_TO_SUPPORT)
                .values_list("case_id", flat=True))
    candidates = [case for case in Case.objects.open().exclude(pk__in=owing)
                  .select_related("victim", "crime").order_by("opened_at", "id")
                  if officer_of.get(case.pk) is not None]
    rng.shuffle(candidates)
    violent = [case for case in candidates if case.crime.category == "violent-crime"]
    others = [case for case in candidates if case.crime.category != "violent-crime"]
    hub, pathways = sample_service("connect-gwent"), sample_service("new-pathways")
    nia = User.objects.get(username=HUB_CASEWORKER)
    iwan = User.objects.get(username=NEW_PATHWAYS_CASEWORKER)

    def take(pool):
        return pool.pop() if pool else (others or violent).pop() if (others or violent) else None

    def earlier_support_ends(case, clock):
        """Support the history gave (Connect Gwent, after the report) ended some weeks ago."""
        for earlier in case.referrals.active():
            if earlier.status == Referral.Status.SENT:
                services.accept_referral(earlier, actor=nia, at=clock.at(36))
            services.close_support(earlier, actor=nia, at=clock.at(35), outcome="Support completed after the report")

    def start(case, days_ago, needs, how=How.VERBAL):
        clock = Clock(case, now)
        earlier_support_ends(case, clock)
        officer = officer_of[case.pk]
        services.record_needs_assessment(case, needs, actor=officer, at=clock.at(days_ago + 0.2),
                                         notes=rng.choice(["", "Lives alone", "Worried about going out at night"]))
        services.record_support_choice(case, Decision.GIVEN, how=how, actor=officer, at=clock.at(days_ago))
        return clock, officer

    plays = [
        # Declined: no referral owed.
        ("declined", None), ("declined", None),
        # Referrals in each status to the hub and to New Pathways; some overdue.
        ("sent-overdue", hub), ("sent-overdue", pathways), ("sent", hub), ("accepted-overdue", hub),
        ("accepted", pathways), ("contacted", pathways), ("in-progress", hub), ("in-progress", pathways),
        ("closed", hub), ("rejected", pathways), ("declined-at-service", hub),
        # Opted out once recovered; came back.
        ("opted-out", hub), ("opted-out", pathways), ("came-back", hub), ("came-back", pathways),
    ]
    for play, service in plays:
        case = take(violent if service == pathways else others)
        if case is None:
            return
        worker = iwan if service == pathways else nia
        needs = [SupportNeed.SEXUAL_VIOLENCE, SupportNeed.EMOTIONAL] if service == pathways else [
            SupportNeed.EMOTIONAL, SupportNeed.PRACTICAL]
        if play == "declined":
            clock = Clock(case, now)
            earlier_support_ends(case, clock)
            services.record_needs_assessment(case, [], actor=officer_of[case.pk], at=clock.at(20.3),
                                             notes="Has support from family")
            services.record_support_choice(case, Decision.REFUSED, how=How.VERBAL, actor=officer_of[case.pk],
                                           at=clock.at(20), note="Has support from family; knows how to ask later")
            continue
        sent_days = SENT_DAYS_AGO[play]
        clock, officer = start(case, sent_days + rng.uniform(0.2, 1.5), needs,
                               how=rng.choice([How.VERBAL, How.WRITTEN]))
        referral = services.send_referral(case, service, actor=officer, needs=needs, at=clock.at(sent_days),
                                          note=rng.choice(["", "Prefers calls after 5pm", "Text first, please"]))
        if play in ("sent", "sent-overdue"):
            continue
        if play == "rejected":
            services.reject_referral(referral, actor=worker, at=clock.at(6),
                                     reason="Outside our criteria: please refer to the hub for general support")
            continue
        if play == "declined-at-service":
            services.record_declined_by_victim(referral, actor=worker, at=clock.at(6),
                                               note="Thanked us; does not want support at the moment")
            continue
        services.accept_referral(referral, actor=worker, at=clock.at(sent_days - 0.6))
        if play in ("accepted", "accepted-overdue"):
            continue
        services.record_victim_contacted(referral, actor=worker, at=clock.at(sent_days - 1))
        if play == "contacted":
            continue
        services.record_support_started(referral, actor=worker, at=clock.at(sent_days - 2))
        if play == "in-progress":
            continue
        if play == "closed":
            services.close_support(referral, actor=worker, at=clock.at(3),
                                   outcome="Six sessions completed; the victim feels able to cope")
            continue
        services.record_support_choice(case, Decision.WITHDRAWN, how=How.VERBAL, actor=officer, at=clock.at(10),
                                       note="Feels recovered and does not want more contact")
        if play == "came-back":
            services.record_support_choice(case, Decision.GIVEN, how=How.VERBAL, actor=officer, at=clock.at(3),
                                           note="Came back: the anniversary of the attack has been hard")
            services.send_referral(case, service, actor=officer, needs=needs, at=clock.at(2.5))
