from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class SignInForm(AuthenticationForm):
    """Django's sign-in form with GOV.UK wording: say what to do, never which part was wrong."""

    error_messages = {
        "invalid_login": _("Enter a correct username and password. Both are case-sensitive."),
        "inactive": _("This account cannot sign in. Ask your administrator for help."),
    }

    username = forms.CharField(
        label=_("Username"), max_length=150, strip=True, error_messages={"required": _("Enter your username")}
    )
    password = forms.CharField(
        label=_("Password"), strip=False, widget=forms.PasswordInput,
        error_messages={"required": _("Enter your password")},
    )
