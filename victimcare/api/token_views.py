"""Administrators' pages for API tokens: the list (never a secret), issuing one (the token is shown once, on the
page that answers the form, and never again), and revoking one with a reason. Administrators only: 403 for
anyone else signed in."""

from contextlib import suppress

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from victimcare.accounts.roles import Role, has_role
from victimcare.api import tokens
from victimcare.api.forms import IssueTokenForm, RevokeTokenForm
from victimcare.api.models import ApiToken


def _administrator_only(request) -> None:
    if not has_role(request.user, Role.ADMINISTRATOR):
        raise PermissionDenied


@login_required
def token_list(request):
    _administrator_only(request)
    found = ApiToken.objects.select_related("user", "created_by", "revoked_by")
    return render(request, "api/tokens/list.html", {"tokens": found, "now": timezone.now()})


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def token_issue(request):
    _administrator_only(request)
    form = IssueTokenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            token, text = tokens.issue_token(
                system=form.cleaned_data["system"], user=form.cleaned_data["account"],
                scopes=form.cleaned_data["scopes"], created_by=request.user, expires_at=form.expires_at())
        except tokens.TokenError as error:
            form.add_error(None, str(error))
        else:
            return render(request, "api/tokens/issued.html", {"token": token, "text": text})
    return render(request, "api/tokens/issue.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def token_revoke(request, token_id):
    _administrator_only(request)
    token = get_object_or_404(ApiToken.objects.select_related("user"), pk=token_id, revoked_at__isnull=True)
    form = RevokeTokenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        with suppress(tokens.TokenError):  # revoked meanwhile: the list shows it so
            tokens.revoke_token(token, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("The token for %(system)s was revoked. It no longer works.")
                         % {"system": token.system})
        return redirect("api-tokens:list")
    return render(request, "api/tokens/revoke.html", {"token": token, "form": form})
