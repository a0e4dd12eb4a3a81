from django import forms
from django.utils.translation import gettext_lazy as _

from victimcare.dataprotection.models import REFERENCE_FORMAT
from victimcare.firstcontact.forms import GovukDateField, VictimDetailsForm


class FindVictimForm(forms.Form):
    """By crime reference, or by last name and date of birth."""

    reference = forms.CharField(label=_("Crime reference"), required=False, max_length=30,
                                help_text=_("For example, GW/2025/000123"),
                                error_messages={"max_length": _("Crime reference must be 30 characters or fewer")})
    family_name = forms.CharField(label=_("Last name"), required=False, max_length=100,
                                  error_messages={"max_length": _("Last name must be 100 characters or fewer")})
    date_of_birth = GovukDateField(name=_("date of birth"), label=_("Date of birth"), required=False,
                                   help_text=_("For example, 27 3 1984"))

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        reference, family_name, born = (data.get("reference", "").strip(), data.get("family_name", "").strip(),
                                        data.get("date_of_birth"))
        if not reference and not (family_name and born):
            if family_name and not born:
                self.add_error("date_of_birth", _("Enter the date of birth as well as the last name"))
            elif born and not family_name:
                self.add_error("family_name", _("Enter the last name as well as the date of birth"))
            else:
                self.add_error("reference", _("Enter a crime reference, or a last name and date of birth"))
        data["reference"], data["family_name"] = reference, family_name
        return data


class SubjectAccessRequestForm(forms.Form):
    reference = forms.CharField(
        label=_("Request reference"), max_length=30, validators=[REFERENCE_FORMAT],
        help_text=_("Your information rights reference for this request, for example SAR/2025/0142. Do not "
                    "use the person's name."),
        error_messages={"required": _("Enter the request reference"),
                        "max_length": _("Request reference must be 30 characters or fewer")})
    received_on = GovukDateField(name=_("the date the request was received"), label=_("Date received"),
                                 help_text=_("For example, 3 11 2025. The answer is due one calendar month later."))


class CorrectionForm(VictimDetailsForm):
    """The victim's personal details as recorded at first contact (the same questions), and why they change."""

    reason = forms.CharField(
        label=_("Why are the details being corrected?"), max_length=1000, widget=forms.Textarea,
        help_text=_("For example, the victim asked us to correct their date of birth. This goes on the timeline "
                    "of each of their cases."),
        error_messages={"required": _("Enter why the details are being corrected"),
                        "max_length": _("Reason must be 1,000 characters or fewer")})


DECISIONS = (("anonymise", _("Erase the personal data now")), ("keep", _("Keep it for longer")))


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("What should happen to this case's personal data?"), choices=DECISIONS, widget=forms.RadioSelect,
        error_messages={"required": _("Select whether to erase the personal data or keep it for longer"),
                        "invalid_choice": _("Select whether to erase the personal data or keep it for longer")})
    reason = forms.CharField(
        label=_("Why keep it for longer?"), required=False, max_length=1000, widget=forms.Textarea,
        help_text=_("For example, a review of the investigation is still open. Do not write personal details."),
        error_messages={"max_length": _("Reason must be 1,000 characters or fewer")})
    review_on = GovukDateField(name=_("the next review date"), label=_("Next review date"), required=False,
                               past=False, help_text=_("For example, 1 6 2027"))

    def clean(self):
        data = super().clean()
        if data.get("decision") == "keep":
            if not (data.get("reason") or "").strip():
                self.add_error("reason", _("Enter why the case is kept for longer"))
            if not data.get("review_on") and "review_on" not in self.errors:
                self.add_error("review_on", _("Enter the next review date"))
        return data
