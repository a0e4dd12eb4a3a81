"""Pages for uploaded files, and the one view that serves their bytes.

Who: photographs of a property item are added, seen and removed by whoever may see the item (the officers
and supervisors of its case's unit, the property officers of the force: property.access.get_item_for_user).
Letters and documents on a case: the officers and supervisors of the case's unit only (not a call handler who
recorded the case, not witness care, not partners: no sharing purpose covers letters). Anyone else gets 404.

`serve` is the only way to the bytes: by the file's random key, through its parent's access check (which logs
the read), with the sniffed content type, nosniff, a sandboxing Content Security Policy, no caching, and PDFs
as downloads. A removed file, an unknown key, or a file of a case or item the user cannot see: 404."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_GET, require_http_methods

from victimcare.accounts.roles import Role, organisations_with_role
from victimcare.cases import access as case_access
from victimcare.property import access as property_access
from victimcare.uploads import forms, services, validation
from victimcare.uploads.models import StoredFile
from victimcare.uploads.storage import private_storage

# What the access log records, in English.
ACCESS_LOG_WHAT = (
    gettext_noop("photographs of property"), gettext_noop("photograph of property"),
    gettext_noop("letters and documents"), gettext_noop("letter or document"),
    gettext_noop("remove a photograph of property form"), gettext_noop("remove a letter or document form"),
)
SERVED_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "private, no-store",
    "Content-Security-Policy": "sandbox; default-src 'none'",
    "Cross-Origin-Resource-Policy": "same-origin",
}


def _photo_limit():
    return settings.UPLOAD_MAX_PHOTO_MB


def _letter_limit():
    return settings.UPLOAD_MAX_LETTER_MB


def _letters_case(user, case_id, *, what: str):
    """The case, for its letters: officers and supervisors of its unit only; 404 for anyone else."""
    units = organisations_with_role(user, Role.OFFICER, Role.SUPERVISOR)
    return case_access.get_case_for_user(user, case_id, what=what, queryset=case_access.visible_cases(user).filter(
        unit_id__in=units).select_related("crime", "victim"))


def _file(key, kind=None) -> StoredFile:
    files = StoredFile.objects.current()
    if kind:
        files = files.filter(kind=kind)
    try:
        return files.get(key=key)
    except StoredFile.DoesNotExist:
        raise Http404("No such file") from None


def _item(user, item_id, what):
    try:
        return property_access.get_item_for_user(user, item_id, what=what)
    except PermissionDenied:
        raise Http404("No such item") from None


def _posted(request):
    return request.POST if request.method == "POST" else None


def _refuse(form, refusal: validation.UploadRefused):
    form.add_error(refusal.field if refusal.field in form.fields else None, refusal.translated())


# --- Serving ---------------------------------------------------------------------------------------
@login_required
@require_GET
def serve(request, key):
    stored = _file(key)
    if stored.kind == StoredFile.Kind.PHOTOGRAPH:
        _item(request.user, stored.property_item_id, what=f"photograph of property {stored.key}")
    else:
        _letters_case(request.user, stored.case_id, what=f"letter or document {stored.key}")
    try:
        with private_storage().open(stored.storage_name, "rb") as handle:
            content = handle.read()
    except FileNotFoundError:
        raise Http404("No such file") from None
    response = HttpResponse(content, content_type=stored.content_type)
    response["Content-Disposition"] = content_disposition_header(not stored.is_image, stored.display_name)
    for header, value in SERVED_HEADERS.items():
        response[header] = value
    return response


# --- Photographs of property -----------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def photographs(request, item_id):
    """The item's photographs, and a form to add one."""
    item = _item(request.user, item_id, what="photographs of property")
    form = forms.PhotographForm(_posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        services.add_photograph(item, form.cleaned_data["photograph"], actor=request.user,
                                description=form.cleaned_data["description"], idempotency_key=form.idempotency_key)
        messages.success(request, _("Photograph added."))
        return redirect("uploads:photographs", item_id=item.pk)
    return render(request, "uploads/photographs.html", {
        "item": item, "form": form, "files": list(StoredFile.objects.current().filter(property_item=item)
                                                  .select_related("uploaded_by")),
        "limit": _photo_limit()})


@login_required
@require_http_methods(["GET", "POST"])
def remove_photograph(request, key):
    stored = _file(key, StoredFile.Kind.PHOTOGRAPH)
    item = _item(request.user, stored.property_item_id, what="remove a photograph of property form")
    stored.property_item = item
    return _remove(request, stored, back=reverse("uploads:photographs", kwargs={"item_id": item.pk}),
                   done=_("Photograph removed."), context={"item": item})


# --- Letters and documents -------------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def documents(request, case_id):
    """The case's letters and documents, and a form to add one."""
    case = _letters_case(request.user, case_id, what="letters and documents")
    form = forms.DocumentForm(_posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_document(case, data["document"], actor=request.user, description=data["description"],
                                  direction=data["direction"], idempotency_key=form.idempotency_key)
        except validation.UploadRefused as refusal:
            _refuse(form, refusal)
        else:
            messages.success(request, _("Letter or document added."))
            return redirect("uploads:documents", case_id=case.pk)
    return render(request, "uploads/documents.html", {
        "case": case, "form": form, "limit": _letter_limit(),
        "files": list(StoredFile.objects.current().letters().filter(case=case).select_related("uploaded_by"))})


@login_required
@require_http_methods(["GET", "POST"])
def remove_document(request, key):
    stored = _file(key, StoredFile.Kind.LETTER)
    case = _letters_case(request.user, stored.case_id, what="remove a letter or document form")
    stored.case = case
    return _remove(request, stored, back=reverse("uploads:documents", kwargs={"case_id": case.pk}),
                   done=_("Letter or document removed."), context={"case": case})


def _remove(request, stored, *, back, done, context):
    form = forms.RemoveForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.remove_file(stored, actor=request.user, reason=form.cleaned_data["reason"],
                                 idempotency_key=form.idempotency_key)
        except validation.UploadRefused as refusal:
            _refuse(form, refusal)
        else:
            messages.success(request, done)
            return redirect(back)
    return render(request, "uploads/remove.html", {"stored": stored, "form": form, "back_url": back, **context})
