"""The equality monitoring questions, asked the same way by staff (read to the victim) and in the portal.
Every question is optional; "Prefer not to say" is an answer."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from victimcare.equality.models import ANSWERED, PREFER_NOT_TO_SAY, Disability

QUESTIONS = {
    "sex": _("What is your sex?"),
    "ethnicity": _("What is your ethnic group?"),
    "disability": _("Are you disabled?"),
    "religion": _("What is your religion?"),
    "sexual_orientation": _("Which of these best describes your sexual orientation?"),
}
HINTS = {
    "disability": _("For example, a physical or mental health condition or illness that has lasted, or is "
                    "expected to last, 12 months or more and makes day-to-day activities harder."),
}
# Asked as a question, the disability answers read as "Yes" and "No"; elsewhere they are groups.
_DISABILITY_ANSWERS = [(Disability.YES.value, pgettext_lazy("are you disabled", "Yes")),
                       (Disability.NO.value, pgettext_lazy("are you disabled", "No")),
                       (PREFER_NOT_TO_SAY, Disability.PREFER_NOT_TO_SAY.label)]


class EqualityForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, choices in ANSWERED.items():
            self.fields[name] = forms.ChoiceField(
                label=QUESTIONS[name], help_text=HINTS.get(name, ""), required=False, widget=forms.RadioSelect,
                choices=_DISABILITY_ANSWERS if name == "disability" else choices.choices,
                error_messages={"invalid_choice": _("Select one of the answers to: %(question)s") % {
                    "question": QUESTIONS[name]}})

    def questions(self):
        return [self[name] for name in ANSWERED]

    def answers(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name) or "" for name in ANSWERED}
