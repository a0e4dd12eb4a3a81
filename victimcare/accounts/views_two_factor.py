"""The second step of signing in (an authenticator app, or a recovery code), "Your account", and an
administrator's reset of another user's two-factor authentication. The services are in two_factor.py."""

from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from victimcare.accounts import two_factor
from victimcare.accounts.forms import CodeForm, ResetTwoFactorForm, UserSearchForm
from victimcare.accounts.models import TwoFactorReset
from victimcare.accounts.roles import Role, has_role
from victimcare.accounts.sessions import end_every_session
from victimcare.accounts.views import start_page

CODES_KEY, AFTER_CODES_KEY = "two_factor_new_codes", "two_factor_after_codes"
USERS_SHOWN = 50
RESETS_SHOWN = 20


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return start_page(request.user)


def _locked_out(request):
    """Hand over to django-axes, which answers with its lockout page (AxesMiddleware)."""
    username = request.user.get_username()
    logout(request)
    request.axes_locked_out = True
    request.axes_credentials = {"username": username}
    return redirect("accounts:sign-in")


def _wrong(request, form):
    """A wrong code: counted; the session is signed out at the limit (or an axes lockout)."""
    username = request.user.get_username()
    if two_factor.wrong_code(request):
        if getattr(request, "axes_locked_out", False):
            request.axes_credentials = {"username": username}
        messages.error(request, _("You entered a wrong code too many times, so you have been signed out. "
                                  "Sign in again."))
        return redirect("accounts:sign-in")
    form.add_error("code", _("The code is not right. Check your authenticator app and try again."))
    return None


def _attempt(request, form, check):
    """`check(user, code)` for the code entered: (its result, None) when right; (None, None) when wrong or when
    django-otp makes the device wait (the form says which); (None, a response) when a wrong code ended the session."""
    try:
        result = check(request.user, form.cleaned_data["code"])
    except two_factor.Throttled:
        form.add_error("code", _("You entered a wrong code. Wait a few seconds, then try again."))
        return None, None
    if result is None:
        return None, _wrong(request, form)
    return result, None


@sensitive_post_parameters("code")
@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def verify(request):
    user = request.user
    if user.is_verified():
        return redirect(_next(request))
    if not two_factor.has_authenticator(user):
        return redirect(two_factor.step_url(user, request.GET.get("next")))
    if two_factor.locked_out(request):
        return _locked_out(request)
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        device, response = _attempt(request, form, two_factor.check_code)
        if response is not None:
            return response
        if device is not None:
            target = _next(request)
            two_factor.complete_sign_in(request, device)
            if isinstance(device, StaticDevice):
                left = two_factor.recovery_codes_left(user)
                messages.warning(request, _("You signed in with a recovery code. It will not work again: you "
                                            "have %(count)s left. You can get new ones from Your account.")
                                 % {"count": left})
            return redirect(target)
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": request.GET.get("next", "")})


@sensitive_post_parameters("code")
@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def set_up(request):
    user = request.user
    if user.is_verified():
        return redirect("accounts:account")
    if two_factor.has_authenticator(user):
        return redirect(two_factor.step_url(user, request.GET.get("next")))
    if two_factor.locked_out(request):
        return _locked_out(request)
    form = CodeForm(request.POST if request.method == "POST" else None, recovery=False)
    if request.method == "POST" and form.is_valid():
        confirmed, response = _attempt(request, form, two_factor.confirm_authenticator)
        if response is not None:
            return response
        if confirmed is not None:
            device, codes = confirmed
            target = _next(request)
            two_factor.complete_sign_in(request, device)
            request.session[CODES_KEY] = codes
            request.session[AFTER_CODES_KEY] = target
            return redirect("accounts:recovery-codes")
    device = two_factor.pending_authenticator(user)
    return render(request, "accounts/two_factor_set_up.html", {
        "form": form, "next": request.GET.get("next", ""), "secret": two_factor.secret_text(device),
        "qr_code": two_factor.qr_code_svg(device, _("QR code to scan with your authenticator app")),
    })


@never_cache
@login_required
def recovery_codes(request):
    """New recovery codes, shown once: they leave the session as the page is made."""
    codes = request.session.pop(CODES_KEY, None)
    after = request.session.pop(AFTER_CODES_KEY, None)
    if not codes:
        return redirect("accounts:account")
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "after": after or start_page(request.user)})


@never_cache
@login_required
def account(request):
    return render(request, "accounts/account.html", {"status": two_factor.status(request.user),
                                                     "is_administrator": has_role(request.user, Role.ADMINISTRATOR)})


@require_POST
@login_required
def new_recovery_codes(request):
    request.session[CODES_KEY] = two_factor.new_recovery_codes(request.user)
    request.session[AFTER_CODES_KEY] = None
    return redirect("accounts:recovery-codes")


@require_POST
@login_required
def sign_out_everywhere(request):
    end_every_session(request.user)
    logout(request)
    messages.success(request, _("You have signed out on every device."))
    return redirect("accounts:sign-in")


def _administrator(request) -> None:
    if not has_role(request.user, Role.ADMINISTRATOR):
        raise PermissionDenied


@never_cache
@login_required
def users(request):
    """An administrator finds a user to reset their two-factor authentication; the recent resets below."""
    _administrator(request)
    form = UserSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    people = (get_user_model().objects.filter(is_system_account=False)
              .annotate(has_authenticator=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)))
              .order_by("username"))
    if query:
        people = people.filter(Q(username__icontains=query) | Q(first_name__icontains=query)
                               | Q(last_name__icontains=query) | Q(display_name__icontains=query))
    shown = list(people[:USERS_SHOWN + 1])
    resets = TwoFactorReset.objects.select_related("user", "reset_by")[:RESETS_SHOWN]
    return render(request, "accounts/users.html", {
        "form": form, "query": query, "people": shown[:USERS_SHOWN], "more": len(shown) > USERS_SHOWN,
        "shown": USERS_SHOWN, "resets": resets,
    })


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def reset(request, username):
    _administrator(request)
    person = get_object_or_404(get_user_model(), username=username, is_system_account=False)
    if person.pk == request.user.pk:
        raise PermissionDenied
    form = ResetTwoFactorForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            two_factor.reset_two_factor(person, by=request.user, reason=form.cleaned_data["reason"])
        except two_factor.TwoFactorError as error:
            form.add_error("reason", _(str(error)))
        else:
            messages.success(request, _("Two-factor authentication reset for %(name)s. They will set it up again "
                                        "when they next sign in.") % {"name": person})
            return redirect("accounts:users")
    return render(request, "accounts/reset_two_factor.html", {
        "form": form, "person": person, "status": two_factor.status(person),
    })
