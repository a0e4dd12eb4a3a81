"""Portal forms. Error messages name the field, in plain words, English and Welsh."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from victimcare.contact.choices import Channel
from victimcare.satisfaction.models import STAGES, Rating


class DetailsForm(forms.Form):
    reference = forms.CharField(label=_("Crime reference number"), max_length=40,
                                error_messages={"required": _("Enter your crime reference number")})
    surname = forms.CharField(label=_("Last name"), max_length=100,
                              error_messages={"required": _("Enter your last name")})
    dob_day = forms.CharField(required=False, max_length=2)
    dob_month = forms.CharField(required=False, max_length=2)
    dob_year = forms.CharField(required=False, max_length=4)

    def clean(self):
        cleaned = super().clean()
        parts = [(cleaned.get(f"dob_{part}") or "").strip() for part in ("day", "month", "year")]
        if not any(parts):
            self.add_error("dob_day", _("Enter your date of birth"))
            return cleaned
        try:
            day, month, year = (int(part) for part in parts)
            born = dt.date(year, month, day)
        except ValueError:
            self.add_error("dob_day", _("Date of birth must be a real date, for example 27 3 1980"))
            return cleaned
        if born >= timezone.localdate() or year < 1900:
            self.add_error("dob_day", _("Date of birth must be in the past"))
            return cleaned
        cleaned["date_of_birth"] = born
        return cleaned


class CodeForm(forms.Form):
    code = forms.CharField(label=_("Security code"), max_length=12,
                           error_messages={"required": _("Enter the security code we sent you")})

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError(_("Security code must be 6 numbers"))
        return code


FREQUENCY_CHOICES = [
    ("7", _("Every week")),
    ("14", _("Every 2 weeks")),
    ("28", _("Every 4 weeks")),
    ("key", _("Only when something important happens")),
]
CHANNEL_CHOICES = [(Channel.EMAIL.value, _("Email")), (Channel.SMS.value, _("Text message")),
                   (Channel.PHONE.value, _("Phone call")), (Channel.LETTER.value, _("Letter"))]
LANGUAGE_CHOICES = [("en", "English"), ("cy", "Cymraeg")]


def _time(value: str):
    value = (value or "").strip().replace(".", ":")
    if not value:
        return None
    try:
        hours, minutes = (int(part) for part in value.split(":"))
        return dt.time(hours, minutes)
    except (TypeError, ValueError):
        raise forms.ValidationError(_("Enter a time like 21:00")) from None


class UpdatesForm(forms.Form):
    channel = forms.ChoiceField(label=_("How should we update you?"), choices=CHANNEL_CHOICES,
                                error_messages={"required": _("Select how we should update you")})
    frequency = forms.ChoiceField(label=_("How often should we update you?"), choices=FREQUENCY_CHOICES,
                                  error_messages={"required": _("Select how often we should update you")})
    language = forms.ChoiceField(label=_("Which language should we use?"), choices=LANGUAGE_CHOICES,
                                 error_messages={"required": _("Select a language")})
    quiet_from = forms.CharField(label=pgettext_lazy("quiet hours", "From"), required=False, max_length=5)
    quiet_until = forms.CharField(label=pgettext_lazy("quiet hours", "Until"), required=False, max_length=5)

    def __init__(self, *args, channels=None, **kwargs):
        """`channels`: the ways the victim can be updated (we have their details and may use them)."""
        super().__init__(*args, **kwargs)
        if channels is not None:
            self.fields["channel"].choices = [(value, label) for value, label in CHANNEL_CHOICES if value in channels]
        self.some_channels_missing = len(self.fields["channel"].choices) < len(CHANNEL_CHOICES)
        if self.some_channels_missing:
            self.fields["channel"].help_text = _(
                "We can only use the ways shown: we do not have your details for the others, or you asked us not "
                "to use them.")

    def clean_quiet_from(self):
        return _time(self.cleaned_data.get("quiet_from"))

    def clean_quiet_until(self):
        return _time(self.cleaned_data.get("quiet_until"))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("quiet_from"), cleaned.get("quiet_until")
        if "quiet_from" in cleaned and "quiet_until" in cleaned:
            if start is None and end is not None:
                self.add_error("quiet_from", _("Enter the time quiet hours start, or leave both times empty"))
            elif end is None and start is not None:
                self.add_error("quiet_until", _("Enter the time quiet hours end, or leave both times empty"))
            elif start is not None and start == end:
                self.add_error("quiet_until", _("Quiet hours must end at a different time from when they start"))
        return cleaned

    def every_days(self):
        value = self.cleaned_data["frequency"]
        return None if value == "key" else int(value)


class TextForm(forms.Form):
    text = forms.CharField(widget=forms.Textarea, max_length=2000)

    def __init__(self, *args, label="", required_message="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].label = label
        self.fields["text"].error_messages["required"] = required_message
        self.fields["text"].error_messages["max_length"] = _("Write 2000 characters or fewer")


class SurveyForm(forms.Form):
    comments = forms.CharField(label=_("Is there anything else you want to tell us? (optional)"),
                               widget=forms.Textarea, required=False, max_length=2000)

    QUESTIONS = {
        "ease_of_contact": _("How satisfied are you with how easy it was to contact us?"),
        "actions_taken": _("How satisfied are you with what we did?"),
        "kept_informed": _("How satisfied are you with how well we kept you informed?"),
        "treatment": _("How satisfied are you with how we treated you?"),
        "whole_experience": _("How satisfied are you with your whole experience?"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for stage in STAGES:
            self.fields[stage] = forms.TypedChoiceField(
                label=self.QUESTIONS[stage], choices=Rating.choices, coerce=int,
                error_messages={"required": _("Select an answer to: %(question)s") % {
                    "question": self.QUESTIONS[stage]}})
        self.order_fields([*STAGES, "comments"])

    def questions(self):
        return [self[stage] for stage in STAGES]
