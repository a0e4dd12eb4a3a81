"""The agreement, update and failed-attempt forms. Each error names its field in plain words."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from victimcare.cases.forms import SubmittedOnceForm
from victimcare.contact.choices import Channel, FailedAttemptReason, Language
from victimcare.contact.services import Terms

KEY_EVENTS = "key_events"
OTHER_DAYS = "other"
FREQUENCIES = [
    ("7", _("Every 7 days")),
    ("14", _("Every 14 days")),
    ("28", _("Every 28 days")),
    (OTHER_DAYS, _("Another number of days")),
    (KEY_EVENTS, _("Only when something important happens")),
]


def _radios(label, error, choices, **kwargs):
    return forms.ChoiceField(label=label, choices=choices, widget=forms.RadioSelect,
                             error_messages={"required": error, "invalid_choice": error}, **kwargs)


def _text(label, limit, error, **kwargs):
    return forms.CharField(label=label, required=False, max_length=limit, error_messages={"max_length": error},
                           **kwargs)


def _time(label):
    return forms.TimeField(label=label, required=False, input_formats=["%H:%M", "%H.%M", "%H:%M:%S"],
                           widget=forms.TimeInput(format="%H:%M"),
                           error_messages={"invalid": _("Enter a time like 21:00")})


class AgreementForm(SubmittedOnceForm):
    channel = _radios(_("How does the victim want to be updated?"), _("Select how the victim wants to be updated"),
                      Channel.choices)
    frequency = _radios(_("How often?"), _("Select how often the victim wants to be updated"), FREQUENCIES)
    other_days = forms.IntegerField(
        label=_("If another number of days, how many?"), required=False, min_value=1, max_value=365,
        error_messages={"invalid": _("Number of days must be a whole number, like 21"),
                        "min_value": _("Number of days must be between 1 and 365"),
                        "max_value": _("Number of days must be between 1 and 365")},
    )
    preferred_times = _text(_("Best times to contact (optional)"), 200,
                            _("Best times to contact must be 200 characters or fewer"),
                            help_text=_("For example, weekdays after 5pm"))
    times_not_to_contact = _text(_("Times not to contact (optional)"), 200,
                                 _("Times not to contact must be 200 characters or fewer"),
                                 help_text=_("For example, when the suspect may be at home"))
    details_not_to_use = _text(
        _("Contact details not to use (optional)"), 1000,
        _("Contact details not to use must be 1,000 characters or fewer"),
        help_text=_("For the victim's safety: for example a shared phone, or an address the suspect knows"),
        widget=forms.Textarea,
    )
    # The victim's quiet hours: no email, text or letter is sent between these times (it waits until they end).
    quiet_from = _time(pgettext_lazy("quiet hours", "From"))
    quiet_until = _time(pgettext_lazy("quiet hours", "Until"))
    language = _radios(_("Which language?"), _("Select the language for updates"), Language.choices)
    other_language = _text(_("If another language, which one?"), 100, _("Language must be 100 characters or fewer"))
    interpreter_needed = forms.BooleanField(label=_("The victim needs an interpreter"), required=False)
    nominated_name = _text(_("Name (optional)"), 200, _("Name must be 200 characters or fewer"))
    nominated_relationship = _text(_("Relationship to the victim (optional)"), 100,
                                   _("Relationship must be 100 characters or fewer"))
    nominated_contact = _text(_("Phone number, email or address (optional)"), 300,
                              _("Contact details must be 300 characters or fewer"))

    @classmethod
    def initial_for(cls, case, agreement) -> dict:
        if agreement is None:
            victim = case.victim
            return {"language": victim.preferred_language, "other_language": victim.other_language,
                    "interpreter_needed": victim.needs_interpreter}
        days = agreement.every_days
        frequency = KEY_EVENTS if days is None else str(days) if str(days) in ("7", "14", "28") else OTHER_DAYS
        initial = {name: getattr(agreement, name) for name in (
            "channel", "preferred_times", "times_not_to_contact", "details_not_to_use", "language", "other_language",
            "interpreter_needed", "nominated_name", "nominated_relationship", "nominated_contact")}
        for name in ("quiet_from", "quiet_until"):
            value = getattr(agreement, name)
            initial[name] = value.strftime("%H:%M") if value is not None else ""
        return {**initial, "frequency": frequency, "other_days": days if frequency == OTHER_DAYS else None}

    def clean(self):
        data = super().clean()
        if data.get("frequency") == OTHER_DAYS and not data.get("other_days") and "other_days" not in self.errors:
            self.add_error("other_days", _("Enter the number of days between updates"))
        if data.get("language") == Language.OTHER and not data.get("other_language") \
                and "other_language" not in self.errors:
            self.add_error("other_language", _("Enter which other language the victim wants"))
        nominated = [data.get(name) for name in ("nominated_name", "nominated_relationship", "nominated_contact")]
        if any(nominated) and not data.get("nominated_name") and "nominated_name" not in self.errors:
            self.add_error("nominated_name", _("Enter the name of the person the victim nominated"))
        if data.get("nominated_name") and not data.get("nominated_contact") and "nominated_contact" not in self.errors:
            self.add_error("nominated_contact", _("Enter how to contact the person the victim nominated"))
        self._clean_quiet_hours(data)
        return data

    def _clean_quiet_hours(self, data) -> None:
        if "quiet_from" in self.errors or "quiet_until" in self.errors:
            return
        start, end = data.get("quiet_from"), data.get("quiet_until")
        if start is None and end is not None:
            self.add_error("quiet_from", _("Enter the time quiet hours start, or leave both times empty"))
        elif end is None and start is not None:
            self.add_error("quiet_until", _("Enter the time quiet hours end, or leave both times empty"))
        elif start is not None and start == end:
            self.add_error("quiet_until", _("Quiet hours must end at a different time from when they start"))

    @property
    def terms(self) -> Terms:
        data = self.cleaned_data
        frequency = data["frequency"]
        every_days = None if frequency == KEY_EVENTS else data["other_days"] if frequency == OTHER_DAYS \
            else int(frequency)
        other = data["language"] == Language.OTHER
        return Terms(
            channel=data["channel"], every_days=every_days, preferred_times=data["preferred_times"],
            times_not_to_contact=data["times_not_to_contact"], details_not_to_use=data["details_not_to_use"],
            language=data["language"], other_language=data["other_language"] if other else "",
            interpreter_needed=data["interpreter_needed"], nominated_name=data["nominated_name"],
            nominated_relationship=data["nominated_relationship"], nominated_contact=data["nominated_contact"],
            quiet_from=data["quiet_from"], quiet_until=data["quiet_until"],
        )


class UpdateForm(SubmittedOnceForm):
    channel = _radios(_("How was the victim updated?"), _("Select how the victim was updated"), Channel.choices)
    language = _radios(_("In which language?"), _("Select the language the update was given in"), Language.choices)
    other_language = _text(_("If another language, which one?"), 100, _("Language must be 100 characters or fewer"))
    summary = forms.CharField(
        label=_("What was the victim told?"), max_length=2000, widget=forms.Textarea,
        help_text=_("The victim may ask to see what you write here."),
        error_messages={"required": _("Enter what the victim was told"),
                        "max_length": _("What the victim was told must be 2,000 characters or fewer")},
    )

    def clean(self):
        data = super().clean()
        if data.get("language") == Language.OTHER and not data.get("other_language") \
                and "other_language" not in self.errors:
            self.add_error("other_language", _("Enter which other language the update was given in"))
        return data


class FailedAttemptForm(SubmittedOnceForm):
    channel = _radios(_("How did you try to update the victim?"), _("Select how you tried to update the victim"),
                      Channel.choices)
    reason = _radios(pgettext_lazy("contact", "Why did it fail?"), _("Select why the attempt failed"),
                     FailedAttemptReason.choices)
    note = _text(_("Note (optional)"), 1000, _("Note must be 1,000 characters or fewer"), widget=forms.Textarea,
                 help_text=_("For example, the number you rang or when you will try again"))
