"""Data protection, one named function per change, each in a transaction: record a subject access request and
export for it, correct a victim's personal details, queue and decide retention reviews, anonymise a case.

What the access log says (its `what` and `why`) can never be erased, so it never holds personal data: field
names, a request's reference, a retention rule, never a value or a free-text reason."""

import datetime as dt
import re

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from victimcare.cases.access import log_case_access
from victimcare.cases.models import Case, CaseAccessLog, TimelineEvent
from victimcare.cases.services import record_event
from victimcare.dataprotection import records
from victimcare.dataprotection.export import build_export
from victimcare.dataprotection.models import (
    REFERENCE_FORMAT,
    RetentionReview,
    SubjectAccessExport,
    SubjectAccessRequest,
)
from victimcare.dataprotection.retention import SETTING, retention_of, rules_from_setting
from victimcare.victims.models import Victim

EXPORT_WHAT = gettext_noop("Subject access request export")
CORRECTION_WHAT = "corrected personal details: {fields}"
CORRECTION_WHY = "rectification (UK GDPR Article 16)"
KEPT_WHAT = gettext_noop("retention review: kept for longer")
ANONYMISED_WHAT = gettext_noop("retention review: personal data erased")

# The personal details a correction may change (the victim's own record).
CORRECTABLE = ("given_name", "family_name", "date_of_birth", "email", "phone", "address", "postcode",
               "preferred_language", "other_language", "needs_interpreter", "communication_needs")
ERASED = "[erased]"


class DataProtectionError(ValueError):
    """The change cannot be made as asked; the message names the field."""


# --- Subject access ---------------------------------------------------------------------------------------

def record_subject_access_request(victim: Victim, *, reference: str, received_on: dt.date, actor,
                                  today: dt.date | None = None) -> SubjectAccessRequest:
    today = today or timezone.localdate()
    if received_on > today:
        raise DataProtectionError("received_on: the date received cannot be in the future")
    reference = reference.strip()
    REFERENCE_FORMAT(reference)
    with transaction.atomic():
        if SubjectAccessRequest.objects.select_for_update().filter(reference__iexact=reference).exists():
            raise DataProtectionError("reference: a request with this reference is already recorded")
        return SubjectAccessRequest.objects.create(victim=victim, reference=reference, received_on=received_on,
                                                   recorded_by=actor)


def export_for_request(request: SubjectAccessRequest, *, actor) -> bytes:
    """Everything held about the request's victim as a ZIP (victimcare.dataprotection.export). Each case is
    logged as read for the request, and the export is recorded against it, in one transaction."""
    with transaction.atomic():
        victim = Victim.objects.get(pk=request.victim_id)
        content, counts = build_export(victim, request, actor)
        for case in Case.objects.filter(victim=victim).order_by("pk"):
            log_case_access(case, actor, CaseAccessLog.Action.VIEWED, what=EXPORT_WHAT, why=request.reference)
        SubjectAccessExport.objects.create(request=request, exported_by=actor, **counts)
    return content


# --- Rectification ----------------------------------------------------------------------------------------

def correct_personal_details(victim: Victim, *, changes: dict, reason: str, actor,
                             channel: str = CaseAccessLog.Channel.WEB) -> list[str]:
    """Change the given personal details of `victim` (only those in CORRECTABLE; values already validated, as
    by the correction form). Returns the names of the fields that changed. Each of the victim's cases gets a
    timeline entry (the fields and the reason) and an access log row (the field names only)."""
    unknown = sorted(set(changes) - set(CORRECTABLE))
    if unknown:
        raise DataProtectionError(f"{unknown[0]}: not a personal detail that can be corrected here")
    reason = (reason or "").strip()
    if not reason:
        raise DataProtectionError("reason: say why the details are being corrected")
    if victim.anonymised_at is not None:
        raise DataProtectionError("victim: this person's data has been erased")
    now = timezone.now()
    with transaction.atomic():
        victim = Victim.objects.select_for_update().get(pk=victim.pk)
        changed = [name for name in CORRECTABLE if name in changes and getattr(victim, name) != changes[name]]
        if not changed:
            raise DataProtectionError("details: nothing was changed")
        for name in changed:
            setattr(victim, name, changes[name])
        victim.save(update_fields=changed)
        what = CORRECTION_WHAT.format(fields=", ".join(changed))
        for case in Case.objects.filter(victim=victim).order_by("pk"):
            record_event(case, TimelineEvent.Kind.PERSONAL_DETAILS_CORRECTED, actor, now, fields=changed,
                         reason=reason)
            log_case_access(case, actor, CaseAccessLog.Action.CHANGED, what=what, why=CORRECTION_WHY,
                            channel=channel)
        if {"date_of_birth", "preferred_language"} & set(changed):
            from victimcare.equality.signals import equality_recorded

            equality_recorded.send(sender=Victim, victim=victim)  # their groups moved: recount their figures
    return changed


# --- Retention --------------------------------------------------------------------------------------------

def retention_rules() -> dict[str, int]:
    return rules_from_setting(getattr(settings, SETTING, None))


def queue_retention_reviews(today: dt.date | None = None) -> int:
    """Put every closed case whose retention has ended in the review queue (once), and bring back those kept
    for longer whose new review date has come. Returns how many joined the queue."""
    today = today or timezone.localdate()
    rules = retention_rules()
    shortest = min(rules.values())
    queued = 0
    with transaction.atomic():
        candidates = (Case.objects.filter(status=Case.Status.CLOSED, closed_at__isnull=False,
                                          retention_review__isnull=True)
                      .filter(closed_at__date__lte=_years_before(today, shortest))
                      .select_related("crime", "victim"))
        for case in candidates:
            rule, ends = retention_of(case, rules)
            if ends <= today:
                RetentionReview.objects.create(case=case, rule=rule, review_on=ends)
                queued += 1
        queued += (RetentionReview.objects.filter(status=RetentionReview.Status.KEPT, review_on__lte=today)
                   .update(status=RetentionReview.Status.WAITING))
    return queued


def _years_before(day: dt.date, years: int) -> dt.date:
    from victimcare.dataprotection.retention import add_years

    return add_years(day, -years)


def keep_for_longer(review: RetentionReview, *, reason: str, review_on: dt.date, actor,
                    today: dt.date | None = None) -> RetentionReview:
    today = today or timezone.localdate()
    reason = (reason or "").strip()
    if not reason:
        raise DataProtectionError("reason: say why the case is kept for longer")
    if review_on <= today:
        raise DataProtectionError("review_on: the new review date must be in the future")
    with transaction.atomic():
        review = RetentionReview.objects.select_for_update().select_related("case").get(pk=review.pk)
        if review.status != RetentionReview.Status.WAITING:
            raise DataProtectionError("status: this case is not waiting for review")
        review.status, review.review_on, review.reason = RetentionReview.Status.KEPT, review_on, reason
        review.decided_at, review.decided_by = timezone.now(), actor
        review.save()
        record_event(review.case, TimelineEvent.Kind.RETENTION_EXTENDED, actor, review.decided_at,
                     review_on=review_on.isoformat(), reason=reason)
        log_case_access(review.case, actor, CaseAccessLog.Action.CHANGED, what=KEPT_WHAT, why=review.rule)
    return review


# --- Anonymisation ----------------------------------------------------------------------------------------

# Text columns kept when a case is anonymised, beyond those with choices (codes) and those that are keys
# (unique): the case's skeleton, as the figures and the force's records need it. Each is a code, not a person.
KEEP_TEXT: dict[str, set[str]] = {
    "crimes.Crime": {"reference", "police_uk_id", "category", "offence", "last_outcome"},
    "dataprotection.RetentionReview": {"rule", "reason"},  # the reason is erased by anonymise_case itself
    "dataprotection.SubjectAccessRequest": {"reference"},
}
# Models not changed by anonymisation, and why (the export still includes them).
NOT_ANONYMISED: dict[str, str] = {
    "cases.CaseAccessLog": "append-only and never changed; its `what` and `why` never hold personal data",
    "property.CustodyEntry": "the chain of custody is an evidential record the database refuses to change "
                             "(victimcare/property/migrations/0002); its entries hold places and movements",
    "dataprotection.SubjectAccessExport": "when the force answered a request: counts, no personal data",
}
# Records deleted rather than blanked: nothing of them is needed once the person is gone.
DELETED = {"portal.PortalCode", "equality.EqualityAnswers"}
_CODE = re.compile(r"^[a-z][a-z0-9_\-]*$|^\d{4}-\d\d-\d\d([T ][\d:.]+([+-]\d\d:\d\d|Z)?)?$")


def _unique_fields(model) -> set[str]:
    names = {field.name for field in model._meta.concrete_fields if field.unique}
    for constraint in model._meta.constraints:
        names |= set(getattr(constraint, "fields", ()) or ())
    return names


def _redacted(value):
    """A JSON value with every string that is not a code or a date replaced."""
    if isinstance(value, str):
        return value if _CODE.match(value) else (ERASED if value else "")
    if isinstance(value, list):
        return [_redacted(item) for item in value]
    if isinstance(value, dict):
        return {key: _redacted(item) for key, item in value.items()}
    return value


def _erasable_fields(model) -> list:
    label = records.label(model)
    keep = KEEP_TEXT.get(label, set()) | _unique_fields(model)
    fields = []
    for field in model._meta.concrete_fields:
        if field.name in keep or field.is_relation or field.primary_key:
            continue
        if isinstance(field, models.JSONField) or (
                isinstance(field, (models.CharField, models.TextField)) and not field.choices):
            fields.append(field)
        elif isinstance(field, models.DecimalField) and field.null and label == "crimes.Crime":
            fields.append(field)  # the crime's exact place (longitude, latitude)
        elif isinstance(field, models.FileField):
            fields.append(field)
    return fields


def _erase_rows(model, pks) -> None:
    """Blank every free-text column of the rows (a JSON column keeps its codes and dates), bypassing the
    append-only guards of the timeline and the consent ledger: erasure is the one change they allow."""
    fields = _erasable_fields(model)
    if not fields:
        return
    base = models.QuerySet(model=model)
    for row in base.filter(pk__in=pks).values("pk", *[field.attname for field in fields]):
        values = {}
        for field in fields:
            value = row[field.attname]
            if isinstance(field, models.JSONField):
                new = _redacted(value)
            elif isinstance(field, models.DecimalField):
                new = None
            elif isinstance(field, models.FileField):
                new = ""
            elif not value:
                continue
            else:
                new = None if field.null else ERASED[:field.max_length] if field.max_length else ERASED
            if new != value:
                values[field.attname] = new
        if values:
            base.filter(pk=row["pk"]).update(**values)


def _delete_uploads(case) -> None:
    """HOOK for victimcare.uploads: its `erase_files_for_case(case)` deletes the case's files (and their
    content) when that exists."""
    try:
        from victimcare.uploads import services as uploads
    except ImportError:
        return
    erase = getattr(uploads, "erase_files_for_case", None)
    if erase is not None:
        erase(case)


def anonymise_case(review: RetentionReview, *, actor, channel: str = CaseAccessLog.Channel.WEB) -> bool:
    """Erase the personal data of the review's case (every free-text column of every record about it, found
    by records.collect; portal codes; uploaded files) and, when none of the victim's other cases is still
    kept, of the victim (name, date of birth, contact details, address, equality answers), keeping the case's
    skeleton: dates, category, area, unit, commitments and their outcomes, and the groups the fairness figures
    counted the victim in. Cannot be undone. Returns whether the victim was erased too."""
    from victimcare.equality.groups import retain_groups

    with transaction.atomic():
        review = RetentionReview.objects.select_for_update().select_related("case").get(pk=review.pk)
        if review.status != RetentionReview.Status.WAITING:
            raise DataProtectionError("status: this case is not waiting for review")
        case = review.case
        if case.status != Case.Status.CLOSED:
            raise DataProtectionError("case: only a closed case can be anonymised")
        victim = Victim.objects.select_for_update().get(pk=case.victim_id)
        others_kept = (Case.objects.filter(victim=victim).exclude(pk=case.pk)
                       .exclude(retention_review__status=RetentionReview.Status.ANONYMISED).exists())
        now = timezone.now()
        # First the record of it, so that the timeline entry's own data is what is left afterwards.
        record_event(case, TimelineEvent.Kind.CASE_ANONYMISED, actor, now, victim_erased=not others_kept)
        log_case_access(case, actor, CaseAccessLog.Action.CHANGED, what=ANONYMISED_WHAT, why=review.rule,
                        channel=channel)
        _delete_uploads(case)
        if not others_kept:
            dates = [opened.astimezone(timezone.get_default_timezone()).date()
                     for opened in Case.objects.filter(victim=victim).values_list("opened_at", flat=True)]
            victim.retained_groups = retain_groups(victim, dates)
        found = records.collect(victim_ids=[victim.pk] if not others_kept else [], case_ids=[case.pk])
        crime_model = Case._meta.get_field("crime").related_model
        if found.get(crime_model):  # a crime is erased only when no case of it is still kept
            still_kept = (Case.objects.filter(crime_id__in=found[crime_model]).exclude(pk__in=found[Case])
                          .exclude(retention_review__status=RetentionReview.Status.ANONYMISED)
                          .values_list("crime_id", flat=True))
            found[crime_model] = found[crime_model] - set(still_kept)
        for model, pks in found.items():
            label = records.label(model)
            if model is Victim or label in NOT_ANONYMISED:
                continue
            if label in DELETED:
                models.QuerySet(model=model).filter(pk__in=pks).delete()
            else:
                _erase_rows(model, pks)
        if not others_kept:
            for name in ("given_name", "family_name", "email", "phone", "address", "postcode", "other_language",
                         "communication_needs"):
                setattr(victim, name, "")
            victim.date_of_birth, victim.anonymised_at = None, now
            victim.save()
        review.status, review.reason = RetentionReview.Status.ANONYMISED, ""
        review.decided_at, review.decided_by = now, actor
        review.save()
    return not others_kept
