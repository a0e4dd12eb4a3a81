"""Pages for the property register. Items are only loaded through property.access (404 to anyone who may not
see them, every read logged on the case); every change goes through property.services."""

import datetime as dt
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext_lazy
from django.views.decorators.http import require_http_methods

from victimcare.cases import access as case_access
from victimcare.cases.services import CaseStateError
from victimcare.charter.services import CommitmentStateError
from victimcare.property import access, forms, services
from victimcare.property.models import CustodyEntry, PropertyItem, Store
from victimcare.property.rules import add_months

Status = PropertyItem.Status
# What the access log records, in English; shown through gettext so the log reads in Welsh too.
ACCESS_LOG_WHAT = (
    gettext_noop("property register"), gettext_noop("property item"), gettext_noop("property seizure form"),
    gettext_noop("property movement form"), gettext_noop("property review form"),
    gettext_noop("property no longer needed form"), gettext_noop("property owner told form"),
    gettext_noop("property return form"), gettext_noop("property returned form"),
    gettext_noop("property disposal form"), gettext_noop("recorded property taken"),
    gettext_noop("recorded a property movement"), gettext_noop("reviewed property"),
    gettext_noop("marked property no longer needed"), gettext_noop("recorded the property owner was told"),
    gettext_noop("arranged the return of property"), gettext_noop("recorded property returned to its owner"),
    gettext_noop("recorded property disposed of"),
)
STATUS_TAG = {Status.HELD: "govuk-tag--blue", Status.NO_LONGER_NEEDED: "govuk-tag--yellow",
              Status.RETURN_ARRANGED: "govuk-tag--turquoise", Status.RETURNED: "govuk-tag--green",
              Status.DISPOSED: "govuk-tag--grey"}
VIEWS = {
    "awaiting": pgettext_lazy("property register", "Awaiting return"),
    "overdue": pgettext_lazy("property register", "Overdue returns"),
    "review": pgettext_lazy("property register", "Past review date"),
    "disposal": pgettext_lazy("property register", "Unclaimed: disposal"),
    "held": pgettext_lazy("property register", "Held"),
}
ROWS_SHOWN = 200
_AWAITING = (Status.NO_LONGER_NEEDED, Status.RETURN_ARRANGED)


@dataclass
class Row:
    item: PropertyItem
    tag: str
    overdue: bool
    disposal_on: object
    may_dispose: bool


def _row(item, now, rule) -> Row:
    commitment = item.return_commitment
    disposal_on = services.disposal_date(item, rule)
    return Row(item=item, tag=STATUS_TAG.get(item.status, ""),
               overdue=bool(commitment and commitment.is_overdue(now)),
               disposal_on=disposal_on,
               may_dispose=item.status in _AWAITING and rule.may_dispose(
                   disposal_on and timezone.localtime(item.owner_told_at).date(), timezone.localdate(now)))


# --- The register ----------------------------------------------------------------------------------
@login_required
def register(request):
    """The property officer's views of the force's register, by store."""
    forces = access.require_property_officer(request.user)
    now, today, rule = timezone.now(), timezone.localdate(), services.disposal_rule()
    stores = list(Store.objects.filter(force_id__in=forces).order_by("name_en"))
    chosen = next((store for store in stores if store.code == request.GET.get("store")), None)
    items = PropertyItem.objects.filter(force_id__in=forces)
    if chosen is not None:
        items = items.filter(current_store=chosen)
    warn_from = today + dt.timedelta(days=max(rule.warn_days_before or (0,)))
    conditions = {
        "awaiting": Q(status__in=_AWAITING),
        "overdue": Q(status__in=_AWAITING, return_commitment__status="open", return_commitment__due_at__lt=now),
        "review": Q(status=Status.HELD, review_on__lt=today),
        "disposal": Q(status__in=_AWAITING, owner_told_at__isnull=False)
        & (~Q(disposal_warnings=[]) | Q(owner_told_at__lte=_told_by(warn_from, rule))),
        "held": Q(status=Status.HELD),
    }
    counts = items.aggregate(**{name: Count("pk", filter=condition) for name, condition in conditions.items()})
    shown = request.GET.get("view") if request.GET.get("view") in VIEWS else "awaiting"
    listed = list(items.filter(conditions[shown]).select_related("case__crime", "current_store", "return_commitment")
                  .order_by("return_commitment__due_at", "review_on", "exhibit_reference", "id")[:ROWS_SHOWN])
    case_access.log_cases_listed({item.case for item in listed}, request.user, what="property register")
    return render(request, "property/register.html", {
        "stores": stores, "chosen": chosen, "views": [(name, label, counts[name]) for name, label in VIEWS.items()],
        "shown": shown, "shown_label": VIEWS[shown], "rows": [_row(item, now, rule) for item in listed],
        "more": counts[shown] > len(listed),
    })


def _told_by(day, rule):
    """Owners told on or before this moment have their disposal date on or before `day`."""
    cutoff = add_months(day, -rule.months)
    return timezone.make_aware(dt.datetime.combine(cutoff, dt.time.max))


# --- The item page ---------------------------------------------------------------------------------
@login_required
def item_page(request, item_id):
    item = access.get_item_for_user(request.user, item_id, what="property item")
    now, rule = timezone.now(), services.disposal_rule()
    custody = list(CustodyEntry.objects.filter(item=item).select_related("actor", "from_store", "to_store")
                   .order_by("sequence"))
    row = _row(item, now, rule)
    case_officer, property_officer = access.works_the_case(request.user, item), access.manages_register(
        request.user, item)
    is_open = item.is_open
    return render(request, "property/item.html", {
        "item": item, "row": row, "custody": custody, "case_officer": case_officer,
        "may_move": is_open and item.status != Status.DISPOSED,
        "may_review": case_officer and item.status == Status.HELD,
        "may_release": case_officer and item.status == Status.HELD,
        "may_tell": item.status in _AWAITING and item.owner_told_at is None,
        "may_arrange": item.status in _AWAITING,
        "may_return": item.status in _AWAITING,
        "may_dispose": property_officer and row.may_dispose,
        "warnings": item.disposal_warnings,
        "past_review": item.status == Status.HELD and item.review_on is not None
        and item.review_on < timezone.localdate(now),
    })


# --- Forms -----------------------------------------------------------------------------------------
def _stores_of(force_id):
    return list(Store.objects.filter(force_id=force_id).order_by("name_en"))


def _refuse(form, error, fields: dict):
    """Put a service's refusal on the field it names (mapped to the form's name), or on the whole form."""
    if isinstance(error, services.PropertyError):
        field = fields.get(error.field, error.field)
        form.add_error(field if field in form.fields else None, error.translated())
    else:
        form.add_error(None, _("This cannot be recorded: the case is closed."))


def _action(request, item, form, perform, *, template, succeeded, fields=None, context=None):
    if request.method == "POST" and form.is_valid():
        try:
            perform(form.cleaned_data, form.idempotency_key)
        except (services.PropertyError, CaseStateError, CommitmentStateError) as error:
            _refuse(form, error, fields or {})
        else:
            messages.success(request, succeeded)
            return redirect("property:item", item_id=item.pk)
    return render(request, template, {"item": item, "form": form, **(context or {})})


def _posted(request):
    return request.POST if request.method == "POST" else None


@login_required
@require_http_methods(["GET", "POST"])
def seize(request, case_id):
    """An officer or supervisor of the case's unit records an item taken."""
    case = case_access.get_case_for_user(request.user, case_id, what="property seizure form",
                                         queryset=case_access.visible_cases(request.user).select_related(
                                             "crime", "victim", "unit__parent"))
    if not case_access.may_change_case(request.user, case):
        raise PermissionDenied
    force = services.force_of(case.unit)
    form = forms.SeizeForm(_posted(request), stores=_stores_of(force.pk))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = services.seize_item(
                case, actor=request.user, exhibit_reference=data["exhibit_reference"],
                description=data["description"], owner_is_victim=data["owner"] == "victim",
                owner_name=data["owner_name"], owner_contact=data["owner_contact"], reason=data["reason"],
                photographs_allowed=data["photographs_allowed"] == "yes", review_on=data["review_on"],
                taken_from=data["taken_from"], to_store=form.store("to_store"), to_place=data["to_place"],
                note=data["note"], at=data["at"], idempotency_key=form.idempotency_key)
        except (services.PropertyError, CaseStateError) as error:
            _refuse(form, error, {"at": "on", "from_place": "taken_from"})
        else:
            messages.success(request, _("Item %(reference)s added to the property register.") % {
                "reference": item.exhibit_reference})
            return redirect("property:item", item_id=item.pk)
    return render(request, "property/seize.html", {"case": case, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def move(request, item_id):
    item = access.get_item_for_user(request.user, item_id, what="property movement form")
    stores = _stores_of(item.force_id)
    initial = {"from_store": str(item.current_store_id or ""), "from_place": item.current_place}
    form = forms.MovementForm(_posted(request), stores=stores, initial=initial)
    return _action(
        request, item, form,
        lambda data, key: services.record_movement(
            item, data["movement"], actor=request.user, at=data["at"], from_store=form.store("from_store"),
            from_place=data["from_place"], to_store=form.store("to_store"), to_place=data["to_place"],
            note=data["note"], idempotency_key=key),
        template="property/move.html", succeeded=_("Movement recorded."), fields={"at": "on"})


@login_required
@require_http_methods(["GET", "POST"])
def review(request, item_id):
    item = access.get_item_for_user(request.user, item_id, what="property review form", property_officers=False)
    return _action(
        request, item, forms.ReviewForm(_posted(request)),
        lambda data, key: services.review_item(item, actor=request.user, next_review=data["next_review"],
                                               note=data["note"], idempotency_key=key),
        template="property/review.html", succeeded=_("Review recorded."))


@login_required
@require_http_methods(["GET", "POST"])
def no_longer_needed(request, item_id):
    item = access.get_item_for_user(request.user, item_id, what="property no longer needed form",
                                    property_officers=False)
    return _action(
        request, item, forms.NoLongerNeededForm(_posted(request), photographs_allowed=item.photographs_allowed),
        lambda data, key: services.mark_no_longer_needed(item, actor=request.user, kept_instead=data["kept_instead"],
                                                         note=data["note"], idempotency_key=key),
        template="property/no_longer_needed.html",
        succeeded=_("The item is no longer needed: return it to its owner."))


@login_required
@require_http_methods(["GET", "POST"])
def owner_told(request, item_id):
    item = access.get_item_for_user(request.user, item_id, what="property owner told form")
    return _action(
        request, item, forms.OwnerToldForm(_posted(request)),
        lambda data, key: services.record_owner_told(item, actor=request.user, how=data["how"], at=data["at"],
                                                     idempotency_key=key),
        template="property/owner_told.html", succeeded=_("Recorded that the owner was told."), fields={"at": "on"})


@login_required
@require_http_methods(["GET", "POST"])
def arrange_return(request, item_id):
    item = access.get_item_for_user(request.user, item_id, what="property return form")
    return _action(
        request, item, forms.ArrangeReturnForm(_posted(request)),
        lambda data, key: services.arrange_return(item, actor=request.user, on=data["return_on"],
                                                  place=data["place"], note=data["note"], idempotency_key=key),
        template="property/arrange_return.html", succeeded=_("Return arranged."), fields={"on": "return_on"})


@login_required
@require_http_methods(["GET", "POST"])
def returned(request, item_id):
    item = access.get_item_for_user(request.user, item_id, what="property returned form")
    return _action(
        request, item, forms.NoteForm(_posted(request)),
        lambda data, key: services.record_returned(item, actor=request.user, note=data["note"], idempotency_key=key),
        template="property/returned.html", succeeded=_("Return to the owner recorded."))


@login_required
@require_http_methods(["GET", "POST"])
def dispose(request, item_id):
    item = access.get_item_for_user(request.user, item_id, what="property disposal form", case_officers=False)
    rule = services.disposal_rule()
    return _action(
        request, item, forms.NoteForm(_posted(request)),
        lambda data, key: services.dispose_item(item, actor=request.user, note=data["note"], idempotency_key=key),
        template="property/dispose.html", succeeded=_("Disposal recorded."),
        context={"disposal_on": services.disposal_date(item, rule)})
