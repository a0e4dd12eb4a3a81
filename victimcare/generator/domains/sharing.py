"""Generated cases: consent and sharing with partner agencies (victimcare.sharing.services).

For a share of the vulnerable, repeat and domestic abuse cases in a partner agency's area, the officer asks
the victim whether the agency may know about the case: most agree (by name, or to partner agencies as a
kind) and the incident is shared with it at once; some refuse. A few withdraw their consent later in the
portal, which ends the sharing at that moment; the rest is ended by the officer when the case closes. So
only the cases still open are shared in force, and the partner's shared-case list (which shows every case
in force, unpaginated) stays at tens to a few hundred rows however many cases are generated.

The helpers here (a consent entry, a disclosure, its end) are the rows and timeline entries that
record_consent, share_with_consent and end_disclosure write; support and multiagency use them too.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from victimcare.cases.models import TimelineEvent
from victimcare.generator.life import CaseLife
from victimcare.organisations.models import Membership, Organisation
from victimcare.sharing.models import ConsentRecord, Decision, Disclosure, How, LawfulBasis, Purpose, SharedItem
from victimcare.sharing.services import CONSENT_WITHDRAWN

Kind = TimelineEvent.Kind
ITEM_ORDER = {item: index for index, item in enumerate(SharedItem.values)}
CASE_CLOSED = "No longer needed: the police case has closed"
# Of the eligible cases in a partner's area, how many the officer asks about sharing (most are handled by
# the police alone), how many victims agree, and how many later withdraw in the portal: assumptions.
ASKED_SHARE = 0.08
GIVEN_SHARE = 0.85
WITHDRAWN_SHARE = 0.1
BY_KIND_SHARE = 0.25  # consent to partner agencies as a kind rather than to the one named agency
SUMMARIES = (
    "Repeated anti-social behaviour outside the victim's home; please consider the street for the patrol plan.",
    "The victim would welcome a call about target hardening.",
    "Tenant may need a move; please contact her.",
    "Victim feels unsafe at home; please consider a referral to the safeguarding hub.",
    "Neighbour dispute escalating; the victim asks for mediation.",
)


@dataclass
class Partner:
    id: int
    code: str
    name_en: str
    name_cy: str
    kind: str
    user_id: int | None  # a member, who acts for it


@dataclass
class DisclosureDraft:
    """A disclosure as it stands: written once its end (if any) is known."""

    id: int
    organisation: Partner
    items: list[str]
    consent_id: int | None
    at: datetime
    actor_id: int
    summary: str = ""
    context: dict | None = None
    status: str = Disclosure.Status.IN_FORCE
    lawful_basis: str = LawfulBasis.CONSENT
    justification: str = ""
    decided_by_id: int | None = None
    decided_at: datetime | None = None
    shared_at: datetime | None = None
    ended_at: datetime | None = None
    ended_reason: str = ""

    @property
    def live(self) -> bool:
        return self.status in (Disclosure.Status.IN_FORCE, Disclosure.Status.AWAITING_APPROVAL)


def organisations() -> dict[str, Partner]:
    """Every organisation outside the police by code, with a member to act for it (the first by id)."""
    members: dict[int, int] = {}
    for organisation_id, user_id in Membership.objects.order_by("user_id").values_list("organisation_id", "user_id"):
        members.setdefault(organisation_id, user_id)
    return {code: Partner(pk, code, name_en, name_cy or name_en, kind, members.get(pk))
            for pk, code, name_en, name_cy, kind in Organisation.objects.values_list(
                "pk", "code", "name_en", "name_cy", "kind")}


def record_consent(life: CaseLife, purpose: str, decision: str, how: str, at: datetime, actor_id: int | None, *,
                   organisation: Partner | None = None, organisation_kind: str = "", note: str = "") -> tuple[int, int]:
    """A consent entry recorded on the case, with its timeline entry (sharing.services.record_consent):
    (the entry's id, the timeline entry's id)."""
    consent = life.rows.add(ConsentRecord, victim_id=life.victim_id, case_id=life.case_id, purpose=purpose,
                            organisation_id=organisation.id if organisation else None,
                            organisation_kind=organisation_kind, decision=decision, how=how, at=at,
                            recorded_by_id=actor_id, recorded_at=at, note=note)
    event = life.event(Kind.CONSENT_RECORDED, at, actor_id, consent=consent, purpose=purpose, decision=decision,
                       how=how, organisation=organisation.name_en if organisation else "",
                       organisation_cy=organisation.name_cy if organisation else "",
                       organisation_kind=organisation_kind, note=note)
    return consent, event


def share(life: CaseLife, organisation: Partner, items, consent_id: int, at: datetime, actor_id: int, *,
          summary: str = "", context: dict | None = None) -> DisclosureDraft:
    """Shared on the victim's consent, in force at once (sharing.services.share_with_consent)."""
    draft = DisclosureDraft(life.rows.ids.next(Disclosure._meta.db_table), organisation,
                            sorted(set(items), key=ITEM_ORDER.__getitem__), consent_id, at, actor_id,
                            summary=summary, context=context, shared_at=at)
    _disclosure_event(life, draft, Kind.INFORMATION_SHARED, at, actor_id)
    return draft


def request_override(life: CaseLife, organisation: Partner, items, at: datetime, actor_id: int, justification: str,
                     *, context: dict | None = None) -> DisclosureDraft:
    """Asked to share without consent on safeguarding grounds (request_safeguarding_disclosure)."""
    draft = DisclosureDraft(life.rows.ids.next(Disclosure._meta.db_table), organisation,
                            sorted(set(items), key=ITEM_ORDER.__getitem__), None, at, actor_id, context=context,
                            status=Disclosure.Status.AWAITING_APPROVAL, lawful_basis=LawfulBasis.SAFEGUARDING,
                            justification=justification)
    _disclosure_event(life, draft, Kind.SHARING_OVERRIDE_REQUESTED, at, actor_id, justification=justification)
    return draft


def approve_override(life: CaseLife, draft: DisclosureDraft, at: datetime, supervisor_id: int, note: str = "") -> None:
    draft.status, draft.decided_by_id, draft.decided_at, draft.shared_at = (Disclosure.Status.IN_FORCE,
                                                                            supervisor_id, at, at)
    _disclosure_event(life, draft, Kind.SHARING_OVERRIDE_DECIDED, at, supervisor_id, approved=True, note=note)


def end(life: CaseLife, draft: DisclosureDraft, at: datetime, actor_id: int | None, reason: str) -> None:
    """Sharing stops from `at` (sharing.services.end_disclosure), if it has not already."""
    if not draft.live:
        return
    draft.status, draft.ended_at, draft.ended_reason = Disclosure.Status.ENDED, at, reason[:200]
    _disclosure_event(life, draft, Kind.SHARING_ENDED, at, actor_id, reason=draft.ended_reason)


def write(life: CaseLife, draft: DisclosureDraft) -> None:
    life.rows.add(Disclosure, id=draft.id, case_id=life.case_id, organisation_id=draft.organisation.id,
                  items=draft.items, summary=draft.summary, context=draft.context or {},
                  lawful_basis=draft.lawful_basis, consent_id=draft.consent_id, justification=draft.justification,
                  status=draft.status, requested_by_id=draft.actor_id, requested_at=draft.at,
                  decided_by_id=draft.decided_by_id, decided_at=draft.decided_at, shared_at=draft.shared_at,
                  ended_at=draft.ended_at, ended_reason=draft.ended_reason)


def _disclosure_event(life: CaseLife, draft: DisclosureDraft, kind: str, at: datetime, actor_id, **data) -> int:
    return life.event(kind, at, actor_id, disclosure=draft.id, organisation=draft.organisation.name_en,
                      organisation_cy=draft.organisation.name_cy, items=draft.items,
                      lawful_basis=draft.lawful_basis, **data)


# --- Sharing with the partner agencies of the case's area ------------------------------------------------
def prepare(ctx) -> None:
    known = organisations()
    by_area: dict[str, list[Partner]] = {}
    for code, area in Organisation.objects.filter(kind=Organisation.Kind.PARTNER_AGENCY,
                                                  local_authority__isnull=False).values_list(
            "code", "local_authority_id").order_by("code"):
        by_area.setdefault(area, []).append(known[code])
    ctx.extra["sharing"] = {"partners_by_area": by_area, "organisations": known}


def add(life: CaseLife, ctx) -> None:
    partners = ctx.extra["sharing"]["partners_by_area"].get(life.facts["place"].local_authority_code)
    facts, rng = life.facts, life.rng
    if not partners or not (facts["domestic"] or facts["repeat"] or life.enhanced):
        return
    if rng.random() >= ASKED_SHARE:
        return
    asked = life.opened_at + timedelta(days=rng.uniform(1, 12))
    if not life.happened(asked):
        return
    # Housing hears of victims at home (domestic abuse, repeat victims); community safety of the rest too.
    housing = [p for p in partners if "housing" in p.code]
    partner = housing[0] if housing and (facts["domestic"] or facts["repeat"]) and rng.random() < 0.4 else \
        next((p for p in partners if p not in housing), partners[0])
    by_kind = rng.random() < BY_KIND_SHARE
    scope = {"organisation_kind": partner.kind} if by_kind else {"organisation": partner}
    purpose = Purpose.SHARE_WITH_KIND if by_kind else Purpose.SHARE_WITH_ORGANISATION
    how = How.WRITTEN if rng.random() < 0.3 else How.VERBAL
    if rng.random() >= GIVEN_SHARE:
        record_consent(life, purpose, Decision.REFUSED, how, asked, life.officer_id, **scope)
        return
    consent, _event = record_consent(life, purpose, Decision.GIVEN, how, asked, life.officer_id, **scope)
    items = [SharedItem.INCIDENT_SUMMARY, SharedItem.VICTIM_NAME]
    if partner in housing:
        items.append(SharedItem.VICTIM_CONTACT)
    elif rng.random() < 0.4:
        items.append(SharedItem.RISK_ASSESSMENT)
    shared_at = asked + timedelta(minutes=rng.uniform(5, 240))
    if not life.happened(shared_at):
        return
    draft = share(life, partner, items, consent, shared_at, life.officer_id, summary=rng.choice(SUMMARIES))
    withdrawn = shared_at + timedelta(days=rng.uniform(3, 60))
    if rng.random() < WITHDRAWN_SHARE and life.happened(withdrawn):
        record_consent(life, purpose, Decision.WITHDRAWN, How.PORTAL, withdrawn, None, **scope)
        end(life, draft, withdrawn, None, CONSENT_WITHDRAWN)
    elif life.closes_at is not None:
        end(life, draft, life.closes_at, life.officer_id, CASE_CLOSED)
    write(life, draft)
