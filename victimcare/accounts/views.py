from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.utils.translation import gettext as _

from victimcare.accounts.forms import SignInForm


class SignInView(auth_views.LoginView):
    """Sign in. django-axes (AxesMiddleware) answers with accounts/locked_out.html after repeated failures."""

    form_class = SignInForm
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    """Sign out (POST only), then back to the sign-in page with a confirmation."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.success(request, _("You have signed out."))
        return response
