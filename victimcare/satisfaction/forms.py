"""The satisfaction survey as a member of staff takes it by phone: the five stages on the five-point scale
and anything else the victim wants to say. Each error names the question it is about."""

from django import forms
from django.utils.translation import gettext_lazy as _

from victimcare.satisfaction.models import STAGES, Rating, SurveyResponse


class PhoneSurveyForm(forms.Form):
    comments = forms.CharField(label=_("Anything else the victim wants to tell us (optional)"),
                               widget=forms.Textarea, required=False, max_length=2000,
                               error_messages={"max_length": _("Write 2000 characters or fewer")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for stage in STAGES:
            question = SurveyResponse._meta.get_field(stage).verbose_name
            self.fields[stage] = forms.TypedChoiceField(
                label=question, choices=Rating.choices, coerce=int, widget=forms.RadioSelect,
                error_messages={"required": _("Select how satisfied the victim is with: %(question)s") % {
                    "question": question}, "invalid_choice": _("Select one of the answers to: %(question)s") % {
                    "question": question}})
        self.order_fields([*STAGES, "comments"])

    def questions(self):
        return [self[stage] for stage in STAGES]

    def ratings(self) -> dict[str, int]:
        return {stage: self.cleaned_data[stage] for stage in STAGES}
