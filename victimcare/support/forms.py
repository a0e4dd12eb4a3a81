"""Forms for the support pages. Error messages name the field, as GOV.UK asks."""

from django import forms
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from victimcare.areas.models import LocalAuthority
from victimcare.cases.forms import SubmittedOnceForm
from victimcare.crimes.offences import CATEGORIES
from victimcare.sharing.models import Decision, How
from victimcare.support.models import SupportNeed, SupportService

NEEDS_FIELD = {"choices": SupportNeed.choices, "required": False, "widget": forms.CheckboxSelectMultiple}


class NeedsAssessmentForm(SubmittedOnceForm):
    needs = forms.MultipleChoiceField(
        label=_("What support does the victim need?"), help_text=_("Select all that apply."), **NEEDS_FIELD,
    )
    no_support = forms.BooleanField(label=_("The victim does not need support now"), required=False)
    notes = forms.CharField(label=_("Notes (optional)"), required=False, max_length=2000, widget=forms.Textarea,
                            error_messages={"max_length": _("Notes must be 2,000 characters or fewer")})

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("needs") and not cleaned.get("no_support"):
            self.add_error("needs", _("Select the support the victim needs, or that they need none now"))
        if cleaned.get("needs") and cleaned.get("no_support"):
            self.add_error("needs", _("Select the support the victim needs, or that they need none now, not both"))
        return cleaned


class SupportChoiceForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("What did the victim choose?"), widget=forms.RadioSelect,
        choices=[(Decision.GIVEN, _("They want support (or want it now, or again)")),
                 (Decision.REFUSED, _("They do not want support")),
                 (Decision.WITHDRAWN, _("They no longer want support (opt out, for example once recovered)"))],
        error_messages={"required": _("Select what the victim chose")},
    )
    how = forms.ChoiceField(
        label=_("How did they tell you?"), widget=forms.RadioSelect, choices=How.choices,
        error_messages={"required": _("Select how the victim told you")},
    )
    note = forms.CharField(
        label=_("Note (optional)"), help_text=_("For example, why they opted out."), required=False,
        max_length=500, widget=forms.Textarea,
        error_messages={"max_length": _("Note must be 500 characters or fewer")},
    )


class ReferralForm(SubmittedOnceForm):
    service = forms.ModelChoiceField(
        label=_("Which service?"), queryset=SupportService.objects.none(), widget=forms.RadioSelect,
        empty_label=None, error_messages={"required": _("Select the service to refer the victim to"),
                                          "invalid_choice": _("Select the service to refer the victim to")},
    )
    needs = forms.MultipleChoiceField(label=_("What does the victim need help with?"),
                                      help_text=_("Select all that apply."), **NEEDS_FIELD)
    note = forms.CharField(
        label=_("Note for the service (optional)"), required=False, max_length=2000, widget=forms.Textarea,
        help_text=_("The service will see this with the victim's details."),
        error_messages={"max_length": _("Note must be 2,000 characters or fewer")},
    )

    def __init__(self, *args, services=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = SupportService.objects.filter(pk__in=[s.pk for s in services])
        order = {s.pk: i for i, s in enumerate(services)}
        self.fields["service"].choices = [(s.pk, s.name) for s in sorted(services, key=lambda s: order[s.pk])]


class ReferralActionForm(SubmittedOnceForm):
    action = forms.ChoiceField(choices=[(a, a) for a in ("accept", "reject", "contacted", "started", "close",
                                                         "declined")], widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Why is the service turning the referral down?"), required=False,
                             max_length=2000, widget=forms.Textarea,
                             error_messages={"max_length": _("Reason must be 2,000 characters or fewer")})
    outcome = forms.CharField(label=_("What was the outcome of the support?"), required=False, max_length=2000,
                              widget=forms.Textarea,
                              error_messages={"max_length": _("Outcome must be 2,000 characters or fewer")})
    how = forms.ChoiceField(
        label=_("How did the victim tell you?"), required=False, widget=forms.RadioSelect,
        choices=[(How.VERBAL, How.VERBAL.label), (How.WRITTEN, How.WRITTEN.label)],
        error_messages={"invalid_choice": _("Select how the victim told you")},
    )
    note = forms.CharField(label=_("What did the victim say? (optional)"), required=False, max_length=500,
                           widget=forms.Textarea,
                           error_messages={"max_length": _("Note must be 500 characters or fewer")})

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == "reject" and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Enter why the service is turning the referral down"))
        if cleaned.get("action") == "close" and not (cleaned.get("outcome") or "").strip():
            self.add_error("outcome", _("Enter the outcome of the support"))
        if cleaned.get("action") == "declined" and not cleaned.get("how") and "how" not in self.errors:
            self.add_error("how", _("Select how the victim told you"))
        return cleaned


def _languages_text(value) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


class ServiceForm(forms.ModelForm):
    """An administrator adds or changes a directory entry."""

    needs = forms.MultipleChoiceField(label=_("What they help with"), **NEEDS_FIELD)
    crime_categories = forms.MultipleChoiceField(
        label=_("Crimes (none chosen: any crime)"), required=False, widget=forms.CheckboxSelectMultiple,
    )
    local_authorities = forms.ModelMultipleChoiceField(
        label=_("Areas (none chosen: all of Gwent)"), required=False, widget=forms.CheckboxSelectMultiple,
        queryset=LocalAuthority.objects.all(),
    )
    website = forms.URLField(
        label=pgettext_lazy("support", "Website"), required=False, assume_scheme="https",
        error_messages={"invalid": _("Enter a web address in the correct format, like https://www.example.com")},
    )
    languages = forms.CharField(
        label=_("Languages"), help_text=_("Codes or names, separated by commas, for example: en, cy, Polish"),
        max_length=500, error_messages={"required": _("Enter the languages the service works in"),
                                        "max_length": _("Languages must be 500 characters or fewer")},
    )
    summary_en = forms.CharField(
        label=_("What they help with (English)"), max_length=2000, widget=forms.Textarea,
        error_messages={"required": _("Enter what they help with, in English"),
                        "max_length": _("What they help with (English) must be 2,000 characters or fewer")},
    )
    summary_cy = forms.CharField(
        label=_("What they help with (Welsh)"), max_length=2000, widget=forms.Textarea,
        error_messages={"required": _("Enter what they help with, in Welsh"),
                        "max_length": _("What they help with (Welsh) must be 2,000 characters or fewer")},
    )

    class Meta:
        model = SupportService
        fields = ["name_en", "name_cy", "summary_en", "summary_cy", "needs", "crime_categories", "min_age", "max_age",
                  "local_authorities", "languages", "opening_hours_en", "opening_hours_cy", "phone", "email",
                  "website", "is_sample", "organisation"]
        error_messages = {
            "name_en": {"required": _("Enter the name in English")},
            "name_cy": {"required": _("Enter the name in Welsh")},
            "summary_en": {"required": _("Enter what they help with, in English")},
            "summary_cy": {"required": _("Enter what they help with, in Welsh")},
            "email": {"invalid": _("Enter an email address in the correct format, like name@example.com")},
            "website": {"invalid": _("Enter a web address in the correct format, like https://www.example.com")},
            "min_age": {"invalid": _("Youngest age must be a whole number")},
            "max_age": {"invalid": _("Oldest age must be a whole number")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["languages"] = ", ".join(self.instance.languages)
        self.fields["crime_categories"].choices = category_choices()
        self.fields["organisation"].required = False
        self.fields["organisation"].empty_label = pgettext_lazy("organisation", "None")

    def clean_languages(self):
        languages = _languages_text(self.cleaned_data.get("languages"))
        if not languages:
            raise forms.ValidationError(_("Enter the languages the service works in"))
        return languages

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("min_age"), cleaned.get("max_age")
        if low is not None and high is not None and low > high:
            self.add_error("max_age", _("Oldest age must be the same as or more than the youngest age"))
        return cleaned


def category_choices():
    welsh = get_language() == "cy"
    return [(c.slug, c.name_cy if welsh else c.police_uk_name) for c in CATEGORIES.values()]


class DirectoryFilterForm(forms.Form):
    need = forms.ChoiceField(label=_("Help with"), required=False,
                             choices=[("", pgettext_lazy("filter", "Any")), *list(SupportNeed.choices)])
    area = forms.ModelChoiceField(label=_("Area"), required=False, queryset=LocalAuthority.objects.all(),
                                  empty_label=pgettext_lazy("filter", "Any"))
    language = forms.ChoiceField(label=_("Language"), required=False,
                                 choices=[("", pgettext_lazy("filter", "Any")), ("en", _("English")),
                                          ("cy", _("Welsh"))])
    category = forms.ChoiceField(label=_("Crime"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", pgettext_lazy("filter", "Any")), *category_choices()]
