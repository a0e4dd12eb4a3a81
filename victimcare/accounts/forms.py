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


class CodeForm(forms.Form):
    """A code from the authenticator app (6 digits) or, where accepted, a recovery code (8 letters and numbers)."""

    code = forms.CharField(label=_("Code"), max_length=40, strip=True,
                           error_messages={"required": _("Enter the code from your authenticator app")})

    def __init__(self, *args, recovery=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.recovery = recovery
        if recovery:
            self.fields["code"].help_text = _("The 6-digit code your authenticator app shows now, or one of your "
                                              "recovery codes")

    def clean_code(self):
        from victimcare.accounts import two_factor

        code = self.cleaned_data["code"]
        token = two_factor.normalise(code)
        if len(token) == two_factor.TOTP_DIGITS and token.isdigit():
            return code
        if self.recovery and two_factor.looks_like_a_code(code):
            return code
        if self.recovery:
            raise forms.ValidationError(_("Enter the 6-digit code from your authenticator app, or a recovery code "
                                          "of 8 letters and numbers"))
        raise forms.ValidationError(_("Enter the 6-digit code from your authenticator app"))


class UserSearchForm(forms.Form):
    q = forms.CharField(label=_("Name or username"), max_length=150, required=False, strip=True)


class ResetTwoFactorForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are you resetting two-factor authentication?"), max_length=2000, strip=True,
        widget=forms.Textarea,
        help_text=_("For example, how the person asked and why they cannot use their authenticator app. "
                    "This is recorded."),
        error_messages={"required": _("Enter why you are resetting two-factor authentication"),
                        "max_length": _("The reason must be 2000 characters or fewer")},
    )
