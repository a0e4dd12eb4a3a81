"""State changes for court and witness care, one named function each. Each runs in a transaction, writes
the timeline entry with the acting user, logs the change on the case, and opens or meets the commitments
the charter rules call for: the Witness Care Unit (never a named person) owes telling the victim each
piece of news, assessing their needs after a not-guilty plea, offering the VPS and referring a qualifying
sentence to the Victim Contact Scheme; probation owes the first contact after that referral."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from victimcare.cases.models import Case, TimelineEvent
from victimcare.cases.services import log_change, once, record_event, require_open
from victimcare.charter import rules
from victimcare.charter.models import Commitment
from victimcare.charter.rules import CommitmentKind, CourtNews
from victimcare.charter.services import deadlines, meet_commitment, open_commitment
from victimcare.court.choices import Measure, MeasuresDecision, Need, Visit, VpsUse
from victimcare.court.models import Charge, Defendant, Entry, Hearing, NewsItem, Prosecution
from victimcare.notifications import victim_messages
from victimcare.organisations.models import Organisation

Kind = TimelineEvent.Kind


class CourtError(Exception):
    """The change cannot be made as asked (the message is English, marked for translation)."""


def default_witness_care_unit(case: Case) -> Organisation | None:
    """The Witness Care Unit of the case unit's force, else any."""
    units = Organisation.objects.filter(kind=Organisation.Kind.WITNESS_CARE).order_by("pk")
    return units.filter(parent_id=case.unit.parent_id).first() or units.first()


def open_court_commitment(prosecution, kind: CommitmentKind) -> Commitment | None:
    return Commitment.objects.filter(case_id=prosecution.case_id, kind=kind, status=Commitment.Status.OPEN).order_by(
        "due_at", "pk").first()


def _now(at):
    return at or timezone.now()


def _check_received(prosecution: Prosecution, received_at, at):
    if received_at > at:
        raise CourtError(gettext_noop("The time the news was received must not be in the future"))
    if received_at < prosecution.charged_at:
        raise CourtError(gettext_noop("The time the news was received must be after the charge"))


# --- Charge ----------------------------------------------------------------------------------------------
def start_prosecution(case: Case, *, court: str, defendant: str, charge: str, violent_or_sexual: bool, actor,
                      custody: str = Defendant.Custody.NOT_KNOWN, date_of_birth=None, witness_care_unit=None,
                      at=None, channel="web", idempotency_key=None) -> Prosecution:
    """The suspect is charged: the case gains a prosecution owned by the Witness Care Unit, which owes the
    offer of a Victim Personal Statement."""
    def perform():
        require_open(case)
        Case.objects.select_for_update().get(pk=case.pk)
        if Prosecution.objects.filter(case=case).exists():
            raise CourtError(gettext_noop("The charge is already recorded on this case"))
        unit = witness_care_unit or default_witness_care_unit(case)
        if unit is None or unit.kind != Organisation.Kind.WITNESS_CARE:
            raise CourtError(gettext_noop("There is no Witness Care Unit to own the prosecution"))
        moment = _now(at)
        prosecution = Prosecution.objects.create(case=case, court=court.strip(), witness_care_unit=unit,
                                                 charged_at=moment, charged_by=actor)
        Defendant.objects.create(prosecution=prosecution, name=defendant.strip(), date_of_birth=date_of_birth,
                                 custody=custody)
        Charge.objects.create(prosecution=prosecution, wording=charge.strip(), violent_or_sexual=violent_or_sexual)
        event = record_event(case, Kind.PROSECUTION_STARTED, actor, moment, idempotency_key=idempotency_key,
                             prosecution=prosecution.pk, court=prosecution.court, unit=unit.pk,
                             unit_name=unit.name_en, unit_name_cy=unit.name_cy, charge=charge.strip())
        open_commitment(case, rules.vps_offer_commitment(moment, deadlines()), opened_by_event=event,
                        owner_organisation=unit, owner_person=None, at=moment)
        log_change(case, actor, "recorded the charge", channel)
        return prosecution

    return once(case, idempotency_key, perform, lambda event: Prosecution.objects.get(pk=event.data["prosecution"]))


@transaction.atomic
def add_defendant(prosecution: Prosecution, *, name: str, actor, date_of_birth=None,
                  custody: str = Defendant.Custody.NOT_KNOWN, channel="web") -> Defendant:
    require_open(prosecution.case)
    defendant = Defendant.objects.create(prosecution=prosecution, name=name.strip(), date_of_birth=date_of_birth,
                                         custody=custody)
    log_change(prosecution.case, actor, "added a defendant", channel)
    return defendant


@transaction.atomic
def add_charge(prosecution: Prosecution, *, wording: str, violent_or_sexual: bool, actor, channel="web") -> Charge:
    require_open(prosecution.case)
    charge = Charge.objects.create(prosecution=prosecution, wording=wording.strip(),
                                   violent_or_sexual=violent_or_sexual)
    log_change(prosecution.case, actor, "added a charge", channel)
    return charge


# --- News ------------------------------------------------------------------------------------------------
def _news(prosecution: Prosecution, news: CourtNews, *, received_at, actor, at, hearing=None, details="",
          idempotency_key=None, **data) -> NewsItem:
    """Record the news and open the commitment to tell the victim, counted from its receipt."""
    case = prosecution.case
    event = record_event(case, Kind.COURT_NEWS_RECEIVED, actor, at, idempotency_key=idempotency_key,
                         prosecution=prosecution.pk, news=news.value, received_at=received_at.isoformat(),
                         hearing=hearing.pk if hearing else None, details=details, **data)
    due = rules.court_news_commitment(news, received_at, case.enhanced_rights, deadlines())
    commitment = open_commitment(case, due, opened_by_event=event, owner_organisation=prosecution.witness_care_unit,
                                 owner_person=None, at=at)
    item = NewsItem.objects.create(prosecution=prosecution, hearing=hearing, kind=news.value,
                                   received_at=received_at, details=details, recorded_by=actor,
                                   commitment=commitment)
    log_change(case, actor, "recorded court news", "web")
    return item


def _replay_news(event):
    return NewsItem.objects.get(commitment__opened_by_event=event)


def _hearing_data(hearing: Hearing) -> dict:
    return {"hearing_kind": hearing.kind, "starts_at": hearing.starts_at.isoformat(), "place": hearing.place}


def record_news(prosecution: Prosecution, news: CourtNews, *, received_at, actor, details: str = "", hearing=None,
                at=None, idempotency_key=None) -> NewsItem:
    """Other news (evidence needed or not, warrant, re-arrest, appeal...): recorded with when it came in."""
    case = prosecution.case

    def perform():
        require_open(case)
        moment = _now(at)
        _check_received(prosecution, received_at, moment)
        return _news(prosecution, CourtNews(news), received_at=received_at, actor=actor, at=moment, hearing=hearing,
                     details=details.strip(), idempotency_key=idempotency_key)

    return once(case, idempotency_key, perform, _replay_news)


def list_hearing(prosecution: Prosecution, *, kind: str, starts_at, place: str, received_at, actor, at=None,
                 idempotency_key=None) -> NewsItem:
    """A hearing is listed: its date, time and place are news to pass on within a working day."""
    case = prosecution.case

    def perform():
        require_open(case)
        moment = _now(at)
        _check_received(prosecution, received_at, moment)
        if starts_at < prosecution.charged_at:
            raise CourtError(gettext_noop("The hearing must be after the charge"))
        hearing = Hearing.objects.create(prosecution=prosecution, kind=kind, starts_at=starts_at, place=place.strip())
        return _news(prosecution, CourtNews.HEARING_LISTED, received_at=received_at, actor=actor, at=moment,
                     hearing=hearing, idempotency_key=idempotency_key, **_hearing_data(hearing))

    return once(case, idempotency_key, perform, _replay_news)


def _active_hearing(hearing: Hearing) -> Hearing:
    locked = Hearing.objects.select_for_update().get(pk=hearing.pk)
    if not locked.is_active:
        raise CourtError(gettext_noop("This hearing is no longer listed"))
    return locked


def move_hearing(hearing: Hearing, *, starts_at, place: str, received_at, actor, at=None,
                 idempotency_key=None) -> NewsItem:
    prosecution = hearing.prosecution
    case = prosecution.case

    def perform():
        require_open(case)
        moment = _now(at)
        _check_received(prosecution, received_at, moment)
        if starts_at < prosecution.charged_at:
            raise CourtError(gettext_noop("The hearing must be after the charge"))
        locked = _active_hearing(hearing)
        was = locked.starts_at.isoformat()
        locked.starts_at, locked.place, locked.status = starts_at, place.strip(), Hearing.Status.MOVED
        locked.save(update_fields=["starts_at", "place", "status"])
        return _news(prosecution, CourtNews.HEARING_MOVED, received_at=received_at, actor=actor, at=moment,
                     hearing=locked, idempotency_key=idempotency_key, was=was, **_hearing_data(locked))

    return once(case, idempotency_key, perform, _replay_news)


def vacate_hearing(hearing: Hearing, *, received_at, actor, reason: str = "", at=None,
                   idempotency_key=None) -> NewsItem:
    prosecution = hearing.prosecution
    case = prosecution.case

    def perform():
        require_open(case)
        moment = _now(at)
        _check_received(prosecution, received_at, moment)
        locked = _active_hearing(hearing)
        locked.status = Hearing.Status.VACATED
        locked.save(update_fields=["status"])
        return _news(prosecution, CourtNews.HEARING_VACATED, received_at=received_at, actor=actor, at=moment,
                     hearing=locked, details=reason.strip(), idempotency_key=idempotency_key,
                     **_hearing_data(locked))

    return once(case, idempotency_key, perform, _replay_news)


def _result(hearing: Hearing, news: CourtNews, *, received_at, actor, at, idempotency_key, result: str,
            update, after=None, **data) -> NewsItem:
    """A result of the hearing (plea, verdict, sentence, bail): the hearing was heard, and that is news."""
    prosecution = hearing.prosecution
    case = prosecution.case

    def perform():
        require_open(case)
        moment = _now(at)
        _check_received(prosecution, received_at, moment)
        locked = Hearing.objects.select_for_update().get(pk=hearing.pk)
        if locked.status == Hearing.Status.VACATED:
            raise CourtError(gettext_noop("This hearing was cancelled: it has no result"))
        if locked.starts_at > received_at:
            raise CourtError(gettext_noop("The result cannot be received before the hearing"))
        update(locked)
        locked.status = Hearing.Status.HEARD
        if result.strip():
            locked.result = result.strip()
        locked.save()
        item = _news(prosecution, news, received_at=received_at, actor=actor, at=moment, hearing=locked,
                     details=result.strip(), idempotency_key=idempotency_key, hearing_kind=locked.kind, **data)
        if after is not None:
            after(item, moment)
        return item

    return once(case, idempotency_key, perform, _replay_news)


def record_plea(hearing: Hearing, plea: str, *, received_at, actor, result: str = "", at=None,
                idempotency_key=None) -> NewsItem:
    """A not-guilty (or mixed) plea means a trial: the Witness Care Unit owes a witness needs assessment,
    counted from when it received the plea (not from when that was typed in)."""
    plea = Hearing.Plea(plea)

    def update(locked):
        locked.plea = plea

    def after(item, moment):
        if plea != Hearing.Plea.GUILTY:
            prosecution = hearing.prosecution
            open_commitment(prosecution.case, rules.witness_needs_assessment_commitment(received_at, deadlines()),
                            opened_by_event=item.commitment.opened_by_event,
                            owner_organisation=prosecution.witness_care_unit, owner_person=None, at=moment)

    return _result(hearing, CourtNews.PLEA, received_at=received_at, actor=actor, at=at, result=result,
                   idempotency_key=idempotency_key, update=update, after=after, plea=plea.value)


def record_verdict(hearing: Hearing, verdict: str, *, received_at, actor, result: str = "", at=None,
                   idempotency_key=None) -> NewsItem:
    verdict = Hearing.Verdict(verdict)

    def update(locked):
        locked.verdict = verdict

    return _result(hearing, CourtNews.VERDICT, received_at=received_at, actor=actor, at=at, result=result,
                   idempotency_key=idempotency_key, update=update, verdict=verdict.value)


def qualifies(prosecution: Prosecution, custody_months) -> bool:
    violent = prosecution.charges.filter(violent_or_sexual=True).exists()
    return rules.qualifies_for_victim_contact_scheme(custody_months, violent)


def record_sentence(hearing: Hearing, *, custody_months=None, non_custodial: str = "", received_at, actor,
                    result: str = "", at=None, idempotency_key=None) -> NewsItem:
    """The sentence is news; a qualifying one (12 months' custody or more for a violent or sexual offence)
    means the Witness Care Unit owes the Victim Contact Scheme referral to probation within 10 working days,
    counted from when it received the sentence (in practice the day it was passed; the hearing's listed start
    can be days earlier, at the end of a trial), never from when it was typed in."""
    if custody_months is None and not (non_custodial or "").strip():
        raise CourtError(gettext_noop("Enter the months of custody or the non-custodial sentence"))

    def update(locked):
        locked.custody_months, locked.non_custodial = custody_months, (non_custodial or "").strip()

    def after(item, moment):
        prosecution = hearing.prosecution
        if qualifies(prosecution, custody_months):
            open_commitment(prosecution.case, rules.vcs_referral_commitment(received_at, deadlines()),
                            opened_by_event=item.commitment.opened_by_event,
                            owner_organisation=prosecution.witness_care_unit, owner_person=None, at=moment)

    return _result(hearing, CourtNews.SENTENCE, received_at=received_at, actor=actor, at=at, result=result,
                   idempotency_key=idempotency_key, update=update, after=after, custody_months=custody_months,
                   non_custodial=(non_custodial or "").strip())


def record_bail(hearing: Hearing, outcome: str, *, received_at, actor, conditions: str = "", at=None,
                idempotency_key=None) -> NewsItem:
    """A bail outcome: 5 working days to tell the victim, 1 with enhanced rights."""
    outcome = Hearing.Bail(outcome)
    if outcome == Hearing.Bail.GRANTED and not (conditions or "").strip():
        raise CourtError(gettext_noop("Enter the bail conditions"))

    def update(locked):
        locked.bail, locked.bail_conditions = outcome, (conditions or "").strip()

    return _result(hearing, CourtNews.BAIL_OUTCOME, received_at=received_at, actor=actor, at=at, result=conditions,
                   idempotency_key=idempotency_key, update=update, bail=outcome.value)


def record_told(item: NewsItem, *, how: str, actor, at=None, channel="web", idempotency_key=None) -> NewsItem:
    """The victim was told the news: the commitment is met (late after its due time)."""
    case = item.prosecution.case

    def perform():
        locked = NewsItem.objects.select_for_update().get(pk=item.pk)
        if locked.told_at is not None:
            raise CourtError(gettext_noop("The victim has already been told this news"))
        moment = _now(at)
        if moment < locked.received_at:
            raise CourtError(gettext_noop("The victim cannot be told before the news was received"))
        locked.told_at, locked.told_how, locked.told_by = moment, NewsItem.How(how), actor
        locked.save(update_fields=["told_at", "told_how", "told_by"])
        event = record_event(case, Kind.COURT_NEWS_TOLD, actor, moment, idempotency_key=idempotency_key,
                             prosecution=locked.prosecution_id, news_item=locked.pk, news=locked.kind,
                             how=locked.told_how)
        meet_commitment(locked.commitment, actor=actor, at=moment)
        log_change(case, actor, "recorded that the victim was told the court news", channel)
        victim_messages.court_news_told(locked, cause=event)  # in writing: the outbox sends it
        return locked

    return once(case, idempotency_key, perform, lambda event: NewsItem.objects.get(pk=event.data["news_item"]))


# --- Witness care ----------------------------------------------------------------------------------------
def _entry(prosecution: Prosecution, kind: str, event_kind: str, *, actor, at, idempotency_key, note="",
           meets: CommitmentKind | None = None, then=None, channel="web", what: str, **data) -> Entry:
    case = prosecution.case

    def perform():
        require_open(case)
        moment = _now(at)
        entry = Entry.objects.create(prosecution=prosecution, kind=kind, at=moment, by=actor, data=data,
                                     note=note.strip())
        event = record_event(case, event_kind, actor, moment, idempotency_key=idempotency_key,
                             prosecution=prosecution.pk, entry=entry.pk, note=entry.note, **data)
        if meets is not None:
            commitment = open_court_commitment(prosecution, meets)
            if commitment is not None:
                meet_commitment(commitment, actor=actor, at=moment)
        if then is not None:
            then(event, moment)
        log_change(case, actor, what, channel)
        return entry

    return once(case, idempotency_key, perform, lambda event: Entry.objects.get(pk=event.data["entry"]))


def _values(choices, values, error) -> list[str]:
    values = list(values or [])
    if any(value not in choices.values for value in values):
        raise CourtError(error)
    return values


def assess_witness_needs(prosecution, *, needs, note: str = "", actor, at=None, idempotency_key=None) -> Entry:
    needs = _values(Need, needs, gettext_noop("Choose needs from the list"))
    if not needs and not note.strip():
        raise CourtError(gettext_noop("Choose the victim's needs or say that they have none"))
    return _entry(prosecution, Entry.Kind.NEEDS_ASSESSED, Kind.WITNESS_NEEDS_ASSESSED, actor=actor, at=at,
                  idempotency_key=idempotency_key, note=note, meets=CommitmentKind.WITNESS_NEEDS_ASSESSMENT,
                  what="assessed the witness's needs", needs=needs)


def request_special_measures(prosecution, *, measures, note: str = "", actor, at=None, idempotency_key=None) -> Entry:
    measures = _values(Measure, measures, gettext_noop("Choose special measures from the list"))
    if not measures:
        raise CourtError(gettext_noop("Choose the special measures requested"))
    return _entry(prosecution, Entry.Kind.MEASURES_REQUESTED, Kind.SPECIAL_MEASURES_REQUESTED, actor=actor, at=at,
                  idempotency_key=idempotency_key, note=note, what="recorded special measures requested",
                  measures=measures)


def decide_special_measures(prosecution, *, measures, decision: str, note: str = "", actor, at=None,
                            idempotency_key=None) -> Entry:
    measures = _values(Measure, measures, gettext_noop("Choose special measures from the list"))
    if not measures:
        raise CourtError(gettext_noop("Choose the special measures the court decided"))
    decision = MeasuresDecision(decision)
    return _entry(prosecution, Entry.Kind.MEASURES_DECIDED, Kind.SPECIAL_MEASURES_DECIDED, actor=actor, at=at,
                  idempotency_key=idempotency_key, note=note, what="recorded the court's decision on special measures",
                  measures=measures, decision=decision.value)


def record_pre_trial_visit(prosecution, *, outcome: str, note: str = "", actor, at=None,
                           idempotency_key=None) -> Entry:
    outcome = Visit(outcome)
    return _entry(prosecution, Entry.Kind.PRE_TRIAL_VISIT, Kind.PRE_TRIAL_VISIT, actor=actor, at=at,
                  idempotency_key=idempotency_key, note=note, what="recorded a pre-trial visit", outcome=outcome.value)


def record_expenses_information(prosecution, *, note: str = "", actor, at=None, idempotency_key=None) -> Entry:
    return _entry(prosecution, Entry.Kind.EXPENSES, Kind.EXPENSES_INFORMATION_GIVEN, actor=actor, at=at,
                  idempotency_key=idempotency_key, note=note, what="recorded expenses information given")


def offer_vps(prosecution, *, note: str = "", actor, at=None, idempotency_key=None) -> Entry:
    """The offer of a Victim Personal Statement: meets the commitment opened at charge."""
    return _entry(prosecution, Entry.Kind.VPS_OFFERED, Kind.VPS_OFFERED, actor=actor, at=at,
                  idempotency_key=idempotency_key, note=note, meets=CommitmentKind.OFFER_VPS,
                  what="recorded the VPS offered")


def record_vps_made(prosecution, *, made_on, note: str = "", actor, at=None, idempotency_key=None) -> Entry:
    """The victim made a statement (an offer, if not recorded before, is met by it)."""
    if made_on > timezone.localdate(_now(at)):
        raise CourtError(gettext_noop("The date the statement was made must not be in the future"))
    return _entry(prosecution, Entry.Kind.VPS_MADE, Kind.VPS_MADE, actor=actor, at=at,
                  idempotency_key=idempotency_key, note=note, meets=CommitmentKind.OFFER_VPS,
                  what="recorded the VPS made", made_on=made_on.isoformat())


def record_vps_declined(prosecution, *, note: str = "", actor, at=None, idempotency_key=None) -> Entry:
    return _entry(prosecution, Entry.Kind.VPS_DECLINED, Kind.VPS_DECLINED, actor=actor, at=at,
                  idempotency_key=idempotency_key, note=note, meets=CommitmentKind.OFFER_VPS,
                  what="recorded the VPS declined")


def record_vps_at_sentencing(prosecution, *, use: str, note: str = "", actor, at=None,
                             idempotency_key=None) -> Entry:
    use = VpsUse(use)
    if not prosecution.entries.filter(kind=Entry.Kind.VPS_MADE).exists():
        raise CourtError(gettext_noop("No Victim Personal Statement was made"))
    return _entry(prosecution, Entry.Kind.VPS_AT_SENTENCING, Kind.VPS_AT_SENTENCING, actor=actor, at=at,
                  idempotency_key=idempotency_key, note=note, what="recorded how the VPS was used at sentencing",
                  use=use.value)


def refer_to_vcs(prosecution, *, probation: Organisation, note: str = "", actor, at=None,
                 idempotency_key=None) -> Entry:
    """The referral to probation's Victim Contact Scheme: meets the referral commitment and opens probation's
    first contact."""
    if probation.kind != Organisation.Kind.PROBATION:
        raise CourtError(gettext_noop("Choose a probation service"))
    if open_court_commitment(prosecution, CommitmentKind.VCS_REFERRAL) is None:
        raise CourtError(gettext_noop("There is no qualifying sentence awaiting a Victim Contact Scheme referral"))

    def then(event, moment):
        open_commitment(prosecution.case, rules.vcs_first_contact_commitment(moment, deadlines()),
                        opened_by_event=event, owner_organisation=probation, owner_person=None, at=moment)

    return _entry(prosecution, Entry.Kind.VCS_REFERRED, Kind.VCS_REFERRED, actor=actor, at=at,
                  idempotency_key=idempotency_key, note=note, meets=CommitmentKind.VCS_REFERRAL, then=then,
                  what="referred the victim to the Victim Contact Scheme", probation=probation.pk,
                  probation_name=probation.name_en, probation_name_cy=probation.name_cy)


def record_vcs_contact(prosecution, *, note: str = "", actor, at=None, idempotency_key=None) -> Entry:
    """Probation's first contact with the victim."""
    if open_court_commitment(prosecution, CommitmentKind.VCS_FIRST_CONTACT) is None:
        raise CourtError(gettext_noop("There is no Victim Contact Scheme referral awaiting first contact"))
    return _entry(prosecution, Entry.Kind.VCS_CONTACTED, Kind.VCS_CONTACTED, actor=actor, at=at,
                  idempotency_key=idempotency_key, note=note, meets=CommitmentKind.VCS_FIRST_CONTACT,
                  what="recorded probation's first contact")
