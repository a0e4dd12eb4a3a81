"""What each case event tells the victim in writing, queued in the outbox.

Each function here is called by the service recording the event, inside its transaction, and queues at
most one message (a `key` per event, so a retried event never queues twice). Templates are in
notifications/templates/notifications/messages/<kind>/, in English and Welsh. Subjects and text messages
never say what the crime was or what happened: someone may glance at the victim's phone. The body of an
email or letter may say what happened, and links to the victim portal for more.

The written acknowledgement (Victims' Code right 3) is queued when the officer chooses to send it through
Victim Care; its commitment is met only when the outbox has actually sent it (`message_sent`)."""

import logging

from django.conf import settings
from django.dispatch import receiver
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy, pgettext_lazy
from django_tasks import task

from victimcare.charter.rules import CourtNews, KeyDecision
from victimcare.notifications.kinds import register_kind_labels
from victimcare.notifications.models import Message, MessageChannel
from victimcare.notifications.services import queue_message
from victimcare.notifications.signals import message_sent

logger = logging.getLogger(__name__)

ACKNOWLEDGEMENT = "acknowledgement"
UPDATE = "update"
DECISION = "decision"
COURT_NEWS = "court_news"
PROPERTY = "property"
SURVEY_INVITATION = "survey_invitation"
KINDS = (ACKNOWLEDGEMENT, UPDATE, DECISION, COURT_NEWS, PROPERTY, SURVEY_INVITATION)

# How the officer says the victim was told (contact, cases, court and property forms), when it was in writing.
WRITTEN_HOW = {
    "email": MessageChannel.EMAIL,
    "e-mail": MessageChannel.EMAIL,
    "letter": MessageChannel.LETTER,
    "post": MessageChannel.LETTER,
    "sms": MessageChannel.SMS,
    "text": MessageChannel.SMS,
    "text message": MessageChannel.SMS,
    "text_message": MessageChannel.SMS,
}

# Each key decision in plain words, addressed to the victim.
DECISIONS = {
    KeyDecision.NOT_INVESTIGATED: _("We have decided not to investigate the crime further at the moment."),
    KeyDecision.SUSPECT_ARRESTED: _("Someone has been arrested."),
    KeyDecision.SUSPECT_INTERVIEWED: _("We have interviewed someone we suspect."),
    KeyDecision.RELEASED_WITHOUT_CHARGE: _("The person we suspected has been released without charge."),
    KeyDecision.BAILED: _("The person we suspect has been released on bail while we investigate."),
    KeyDecision.RELEASED_UNDER_INVESTIGATION: _(
        "The person we suspect has been released while we continue to investigate."),
    KeyDecision.BAIL_CONDITIONS_CHANGED: _("The bail conditions of the person we suspect have changed."),
    KeyDecision.CHARGED: _("Someone has been charged, and the case will go to court."),
    KeyDecision.NO_FURTHER_ACTION: _("We will take no further action on the crime."),
}

# Each piece of court news in plain words, addressed to the victim.
COURT_NEWS_WORDS = {
    CourtNews.HEARING_LISTED: _("A date has been set for a court hearing."),
    CourtNews.HEARING_MOVED: _("A court hearing has moved to a new date, time or place."),
    CourtNews.HEARING_VACATED: _("A court hearing has been cancelled."),
    CourtNews.MUST_GIVE_EVIDENCE: _("You will need to give evidence in court."),
    CourtNews.EVIDENCE_NOT_NEEDED: _("You no longer need to give evidence in court."),
    CourtNews.BAIL_OUTCOME: _("The court has made a decision about bail."),
    CourtNews.WARRANT_ISSUED: _("The court has issued a warrant for the defendant's arrest."),
    CourtNews.RE_ARRESTED: _("The defendant has been arrested again."),
    CourtNews.PLEA: _("The defendant has told the court whether they plead guilty."),
    CourtNews.VERDICT: _("The court has reached a verdict."),
    CourtNews.SENTENCE: _("The court has passed sentence."),
    CourtNews.APPEAL: _("There is news about an appeal."),
}



class _Said:
    """A sentence for the victim, put into words in the language it is shown or sent in (`text` is lazy)."""

    def __init__(self, text, **params):
        self.text, self.params = text, params

    def __str__(self) -> str:
        return str(self.text) % self.params if self.params else str(self.text)


# What the court decided, in plain words addressed to the victim (the portal and court news messages).
PLEAS = {
    "guilty": _("The defendant pleaded guilty."),
    "not_guilty": _("The defendant pleaded not guilty. This usually means there will be a trial."),
    "mixed": _("The defendant pleaded guilty to some charges and not guilty to others."),
}
VERDICTS = {
    "guilty": _("The court found the defendant guilty."),
    "not_guilty": _("The court found the defendant not guilty."),
    "mixed": _("The court found the defendant guilty of some charges and not guilty of others."),
}
REMANDED = _("The defendant must stay in prison until the next hearing (remanded in custody).")


def hearing_outcome(hearing, news=None) -> list[_Said]:
    """What the court decided at the hearing, in plain words: the plea, the verdict, the sentence and bail, as
    far as they are recorded (only the part `news` is about, if given). Nothing for a cancelled hearing."""
    if hearing is None or hearing.status == hearing.Status.VACATED:
        return []
    said = []
    if news in (None, CourtNews.PLEA) and hearing.plea in PLEAS:
        said.append(_Said(PLEAS[hearing.plea]))
    if news in (None, CourtNews.VERDICT) and hearing.verdict in VERDICTS:
        said.append(_Said(VERDICTS[hearing.verdict]))
    if news in (None, CourtNews.SENTENCE):
        if hearing.custody_months:
            said.append(_Said(ngettext_lazy("The defendant was sentenced to %(months)s month in prison.",
                                            "The defendant was sentenced to %(months)s months in prison.",
                                            hearing.custody_months), months=hearing.custody_months))
        if hearing.non_custodial:
            said.append(_Said(_("The court gave the defendant a sentence that is not prison: %(sentence)s"),
                              sentence=hearing.non_custodial))
    if news in (None, CourtNews.BAIL_OUTCOME):
        if hearing.bail == hearing.Bail.GRANTED:
            said.append(_Said(_("The defendant was released on bail until the next hearing. They must keep to "
                                "these conditions: %(conditions)s"), conditions=hearing.bail_conditions))
        elif hearing.bail == hearing.Bail.REMANDED:
            said.append(_Said(REMANDED))
    return said


def not_said(text: str, said) -> str:
    """`text` (the result as the Witness Care Unit wrote it), unless the plain words `said` already give it
    (bail conditions, a sentence that is not prison)."""
    already = {str(part.params.get(name, "")).strip() for part in said for name in ("conditions", "sentence")}
    return "" if not text or text.strip() in already else text


register_kind_labels({
    ACKNOWLEDGEMENT: pgettext_lazy("message kind", "written acknowledgement"),
    UPDATE: pgettext_lazy("message kind", "update"),
    DECISION: pgettext_lazy("message kind", "news of a decision"),
    COURT_NEWS: pgettext_lazy("message kind", "court news"),
    PROPERTY: pgettext_lazy("message kind", "property to collect"),
    SURVEY_INVITATION: pgettext_lazy("message kind", "invitation to the satisfaction survey"),
})


def written_channel(how: str) -> str | None:
    """The outbox channel for how the victim was told, or None if it was not in writing (phone, in person).
    A choice's value ("text_message") or the officer's own words ("By email", "by letter, in Welsh")."""
    words = (how or "").split(",")[0].strip().lower()
    return WRITTEN_HOW.get(words.removeprefix("by ").strip())


def portal_url(path: str = "/portal/") -> str:
    """The full address of a portal page, for a message (settings.SITE_URL is the site's address)."""
    return settings.SITE_URL.rstrip("/") + path


def _context(**extra) -> dict:
    return {"portal_url": portal_url(), **extra}


# --- The written acknowledgement --------------------------------------------------------------------------
def acknowledgement_key(case) -> str:
    return f"{ACKNOWLEDGEMENT}:{case.pk}"


def acknowledgement_message(case) -> Message | None:
    """The acknowledgement queued for the case through Victim Care, if any."""
    return Message.objects.filter(key=acknowledgement_key(case)).first()


def acknowledgement_channel(case) -> str:
    """Email or letter: the agreed channel if it is one of them, else email if the victim gave an address."""
    from victimcare.contact.services import current_agreement

    agreement = current_agreement(case)
    if agreement is not None and agreement.channel in (MessageChannel.EMAIL, MessageChannel.LETTER):
        return agreement.channel
    return MessageChannel.EMAIL if case.victim.email else MessageChannel.LETTER


class _Promise:
    """One sentence of "what happens next", put into words in the language the message is rendered in."""

    def __init__(self, sentence, due):
        self.sentence, self.due = sentence, due

    def __str__(self) -> str:
        return str(self.sentence) % {"due": date_format(timezone.localtime(self.due), "l j F Y, H:i")}


def _promises(case) -> list[_Promise]:
    from victimcare.firstcontact.views import _promise

    found = []
    for commitment in case.commitments.open().order_by("due_at", "id"):
        sentence = _promise(commitment)
        if sentence:
            found.append(_Promise(sentence, commitment.due_at))
    return found


def queue_acknowledgement(case, *, channel: str | None = None, at=None) -> Message:
    """Queue the written acknowledgement (crime reference, date reported, who to contact, what happens next
    and the victims' services that fit) by email or letter. Once per case."""
    from victimcare.support.matching import services_for

    channel = channel or acknowledgement_channel(case)
    context = _context(
        reported=case.crime.reported_at or case.opened_at,
        promises=_promises(case),
        services=services_for(case),
    )
    return queue_message(ACKNOWLEDGEMENT, case=case, context=context, channel=channel,
                         key=acknowledgement_key(case), at=at)


@receiver(message_sent, dispatch_uid="victim_messages.acknowledgement_sent")
def acknowledgement_sent(sender, message, at, **kwargs) -> None:
    """The acknowledgement went: record it as given, which meets its commitment (and the one to give the
    victims' services). Nothing if it was already given by hand or the case is closed."""
    if message.kind != ACKNOWLEDGEMENT or message.case_id is None:
        return
    from victimcare.cases.models import Case, TimelineEvent
    from victimcare.firstcontact.services import record_acknowledgement_given

    case = Case.objects.select_related("victim", "crime").get(pk=message.case_id)
    if case.status != Case.Status.OPEN or case.timeline.filter(kind=TimelineEvent.Kind.ACKNOWLEDGEMENT_GIVEN).exists():
        return
    record_acknowledgement_given(case, actor=None, language=message.language, at=at, sent=message)


# --- Updates, decisions, court news, property ---------------------------------------------------------------
def update_given(update, *, cause=None) -> Message | None:
    """An update recorded as given by email, text or letter: the outbox sends what the officer wrote."""
    channel = written_channel(update.channel)
    if channel is None:
        return None
    return queue_message(UPDATE, case=update.case, channel=channel, cause=cause, key=f"{UPDATE}:{update.pk}",
                         context=_context(summary=update.summary), at=update.given_at)


def victim_informed(commitment, how: str, *, cause=None, at=None) -> Message | None:
    """The victim is told of a key decision by email, text or letter: the decision in plain words, and
    what the officer wrote for them when they recorded it."""
    channel = written_channel(how)
    if channel is None:
        return None
    decision = commitment.detail.get("decision")
    words = DECISIONS.get(KeyDecision(decision)) if decision in KeyDecision._value2member_map_ else None
    context = _context(decision=words, tell_victim=commitment.detail.get("tell_victim", ""))
    return queue_message(DECISION, case=commitment.case, channel=channel, cause=cause,
                         key=f"{DECISION}:{commitment.pk}", context=context, at=at)


OUTCOME_NEWS = (CourtNews.PLEA, CourtNews.VERDICT, CourtNews.SENTENCE, CourtNews.BAIL_OUTCOME)


def court_news_told(item, *, cause=None) -> Message | None:
    """Court news told by email, text or letter: what happened, and the hearing's date, time and place."""
    channel = written_channel(item.told_how)
    if channel is None:
        return None
    news = CourtNews(item.kind) if item.kind in CourtNews._value2member_map_ else None
    hearing = item.hearing
    outcome = hearing_outcome(hearing, news) if news in OUTCOME_NEWS else []
    # The hearing as it stands now: a hearing cancelled since is never told as going ahead.
    context = _context(news=COURT_NEWS_WORDS.get(news), details=not_said(item.details, outcome), hearing=hearing,
                       court=item.prosecution.court,
                       hearing_cancelled=news == CourtNews.HEARING_VACATED or (
                           hearing is not None and hearing.status == hearing.Status.VACATED),
                       outcome=outcome, result=not_said(hearing.result if hearing is not None else "", outcome))
    return queue_message(COURT_NEWS, case=item.prosecution.case, channel=channel, cause=cause,
                         key=f"{COURT_NEWS}:{item.pk}", context=context, at=item.told_at)


def property_owner_told(item, *, disposal_on, cause=None) -> Message | None:
    """The victim, owner of an item, is told it can be collected: what, where and by when, in writing
    whichever way the officer told them (by the channel they named if written, else the agreed one)."""
    if not item.owner_is_victim:
        return None
    store = item.current_store
    place = item.return_place or (store.address if store is not None and store.address else "")
    context = _context(item=item, store=store, place=place, return_on=item.return_on, disposal_on=disposal_on)
    return queue_message(PROPERTY, case=item.case, channel=written_channel(item.owner_told_how), cause=cause,
                         key=f"{PROPERTY}:{item.pk}", context=context, at=item.owner_told_at)


# --- The satisfaction survey ----------------------------------------------------------------------------------
SURVEY_FROM_WEEKS, SURVEY_TO_WEEKS = 6, 12


def survey_key(case) -> str:
    return f"{SURVEY_INVITATION}:{case.pk}"


def survey_candidates(now=None):
    """Cases reported 6 to 12 weeks before `now` whose victim has not been invited to the survey."""
    import datetime as dt

    from django.db.models import Exists, OuterRef
    from django.db.models.functions import Coalesce

    from victimcare.cases.models import Case

    now = now or timezone.now()
    invited = Message.objects.filter(kind=SURVEY_INVITATION, case=OuterRef("pk"))
    return (Case.objects.annotate(reported=Coalesce("crime__reported_at", "opened_at"))
            .filter(reported__gte=now - dt.timedelta(weeks=SURVEY_TO_WEEKS),
                    reported__lte=now - dt.timedelta(weeks=SURVEY_FROM_WEEKS))
            .exclude(Exists(invited)).select_related("victim", "crime").order_by("reported", "pk"))


def invite_to_survey(case, *, at=None) -> Message | None:
    """Queue the survey invitation if the victim agreed to be contacted for it (the latest choice). Once per case."""
    from victimcare.sharing.models import Purpose
    from victimcare.sharing.services import has_consent

    if not has_consent(case.victim, Purpose.SATISFACTION_SURVEY):
        return None
    return queue_message(SURVEY_INVITATION, case=case, key=survey_key(case), at=at,
                         context=_context(survey_url=portal_url("/portal/survey/")))


def send_survey_invitations(now=None) -> int:
    """Queue the survey invitations now due, each in its own transaction. Returns how many were queued.
    Two runs at once: the key stops the second queuing a case's invitation again."""
    from django.db import IntegrityError, transaction

    queued = 0
    for case in survey_candidates(now):
        try:
            with transaction.atomic():
                if invite_to_survey(case, at=now) is not None:
                    queued += 1
        except IntegrityError:
            logger.info("Survey invitation for case %s was queued by another run", case.pk)
    return queued


@task()
def send_survey_invitations_task(now: str | None = None) -> int:
    """The survey invitations due (`now`, an ISO time for tests; the current time by default), for the
    scheduler or `manage.py send_survey_invitations`."""
    import datetime as dt

    return send_survey_invitations(dt.datetime.fromisoformat(now) if now else None)
