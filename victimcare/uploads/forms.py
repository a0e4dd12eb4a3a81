"""Forms for uploading and removing files. The file fields are checked by victimcare.uploads.validation (the
one place), whose refusal names the field; cleaned_data holds the CheckedFile."""

from django import forms
from django.utils.translation import gettext_lazy as _

from victimcare.cases.forms import SubmittedOnceForm
from victimcare.uploads import validation
from victimcare.uploads.models import StoredFile


def _checked(form, field: str, check):
    upload = form.cleaned_data.get(field)
    try:
        return check(upload, field)
    except validation.UploadRefused as refusal:
        raise forms.ValidationError(refusal.translated()) from None


class PhotographForm(SubmittedOnceForm):
    photograph = forms.FileField(
        label=_("Upload a photograph"), help_text=_("A JPEG or PNG image. Its location and camera details are "
                                                    "removed when it is uploaded."),
        error_messages={"required": _("Choose a photograph to upload"), "invalid": _("Choose a photograph to upload"),
                        "empty": _("The photograph is empty"), "missing": _("Choose a photograph to upload")})
    description = forms.CharField(
        label=_("What the photograph shows (optional)"), required=False, max_length=200,
        error_messages={"max_length": _("What the photograph shows must be 200 characters or fewer")})

    def clean_photograph(self):
        return _checked(self, "photograph", validation.check_photograph)


class DocumentForm(SubmittedOnceForm):
    document = forms.FileField(
        label=_("Upload a letter or document"), help_text=_("A PDF, or a JPEG or PNG scan."),
        error_messages={"required": _("Choose a letter or document to upload"),
                        "invalid": _("Choose a letter or document to upload"),
                        "empty": _("The letter or document is empty"),
                        "missing": _("Choose a letter or document to upload")})
    description = forms.CharField(
        label=_("Short description"), help_text=_("For example, letter from the victim about their property"),
        max_length=200,
        error_messages={"required": _("Enter a short description of the letter or document"),
                        "max_length": _("The description must be 200 characters or fewer")})
    direction = forms.ChoiceField(
        label=_("Was it received from the victim or sent to them?"), choices=StoredFile.Direction.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether the letter was received from the victim or sent to them"),
                        "invalid_choice": _("Select whether the letter was received from the victim or sent to "
                                            "them")})

    def clean_document(self):
        return _checked(self, "document", validation.check_document)


class RemoveForm(SubmittedOnceForm):
    reason = forms.CharField(
        label=_("Why are you removing it?"), max_length=1000, widget=forms.Textarea,
        error_messages={"required": _("Enter why it is being removed"),
                        "max_length": _("The reason must be 1,000 characters or fewer")})
