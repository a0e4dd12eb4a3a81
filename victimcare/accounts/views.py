from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from victimcare.accounts.forms import SignInForm
from victimcare.accounts.roles import POLICE_ROLES, Role, has_role

# Where each role outside the police unit starts; police staff (and anyone else) start at the cases.
START_PAGES = (
    (Role.CASEWORKER, "support:referrals"),
    (Role.NEIGHBOURHOOD, "neighbourhood:feed"),
    (Role.PARTNER, "sharing:shared-cases"),
    (Role.WITNESS_CARE_OFFICER, "court:witness-care"),
    (Role.PROPERTY_OFFICER, "property:register"),
    (Role.ANALYST, "monitoring:overview"),
    (Role.INFORMATION_RIGHTS, "dataprotection:start"),
)


def start_page(user) -> str:
    if not has_role(user, *POLICE_ROLES):
        for role, url_name in START_PAGES:
            if has_role(user, role):
                return reverse(url_name)
    return reverse("cases:list")


def home(request):
    """Each user's own start page (anonymous users go to the cases page, which asks them to sign in)."""
    return redirect(start_page(request.user))


class SignInView(auth_views.LoginView):
    """Sign in with a password, then a code (views_two_factor). django-axes (AxesMiddleware) answers with
    accounts/locked_out.html after repeated failures of either."""

    form_class = SignInForm
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return start_page(self.request.user)

    def get_success_url(self):
        """The password is only the first step: then the authenticator app (or setting one up)."""
        from victimcare.accounts.two_factor import step_url

        target = super().get_success_url()
        is_verified = getattr(self.request.user, "is_verified", None)  # not on the user the password just signed in
        if is_verified is not None and is_verified():  # already past both steps: the sign-in page sends them on
            return target
        return step_url(self.request.user, target)


class SignOutView(auth_views.LogoutView):
    """Sign out (POST only), then back to the sign-in page with a confirmation."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.success(request, _("You have signed out."))
        return response
