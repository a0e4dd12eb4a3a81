import datetime as dt

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from victimcare.api.models import Scope


class IssueTokenForm(forms.Form):
    system = forms.CharField(
        label=_("Which system will use the token?"), max_length=100,
        help_text=_("For example, Niche RMS or the Victim Support case system."),
        error_messages={"required": _("Enter the system that will use the token"),
                        "max_length": _("The system's name must be 100 characters or fewer")},
    )
    account = forms.ModelChoiceField(
        label=_("System account it acts as"), queryset=None, empty_label=_("Choose an account"),
        help_text=_("It sees the cases this account's roles let it see."),
        error_messages={"required": _("Choose the system account the token acts as"),
                        "invalid_choice": _("Choose one of the system accounts listed")},
    )
    scopes = forms.MultipleChoiceField(
        label=_("What may it do?"), choices=Scope.choices, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one thing the token may do"),
                        "invalid_choice": _("Choose from the list")},
    )
    expires = forms.DateField(
        label=_("Last day it works (optional)"), required=False, input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        help_text=_("For example, 30/6/2027. Leave empty for a token that works until it is revoked."),
        error_messages={"invalid": _("Enter the last day as a date, for example 30/6/2027")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].queryset = get_user_model().objects.filter(
            is_system_account=True, is_active=True).order_by("username")
        self.fields["account"].label_from_instance = lambda user: user.username

    def clean_system(self):
        system = " ".join(self.cleaned_data["system"].split())
        if not system:
            raise forms.ValidationError(_("Enter the system that will use the token"))
        return system

    def clean_expires(self):
        expires = self.cleaned_data["expires"]
        if expires is not None and expires < timezone.localdate():
            raise forms.ValidationError(_("The last day must be today or later"))
        return expires

    def expires_at(self):
        expires = self.cleaned_data["expires"]
        if expires is None:
            return None
        return timezone.make_aware(dt.datetime.combine(expires + dt.timedelta(days=1), dt.time.min))


class RevokeTokenForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it being revoked?"), max_length=500, widget=forms.Textarea,
        help_text=_("For example, the system was replaced, or the token may have been seen by someone else."),
        error_messages={"required": _("Enter why the token is being revoked"),
                        "max_length": _("The reason must be 500 characters or fewer")},
    )

    def clean_reason(self):
        reason = " ".join(self.cleaned_data["reason"].split())
        if not reason:
            raise forms.ValidationError(_("Enter why the token is being revoked"))
        return reason
