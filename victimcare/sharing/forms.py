"""Recording a consent choice, sharing information, ending a disclosure and deciding a safeguarding
override. Each error names its field in plain words."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from victimcare.cases.forms import SubmittedOnceForm
from victimcare.organisations.models import Organisation
from victimcare.sharing.models import Decision, How, LawfulBasis, Purpose, SharedItem

RECEIVING_KINDS = (Organisation.Kind.VICTIM_SERVICE, Organisation.Kind.PARTNER_AGENCY,
                   Organisation.Kind.NEIGHBOURHOOD_TEAM)


def receiving_organisations():
    return Organisation.objects.filter(kind__in=RECEIVING_KINDS).order_by("name_en")


class OrganisationField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.get_kind_display()})"


def _radios(label, error, choices, **kwargs):
    return forms.ChoiceField(label=label, choices=choices, widget=forms.RadioSelect,
                             error_messages={"required": error, "invalid_choice": error}, **kwargs)


def _organisation(label, required_error):
    return OrganisationField(
        queryset=receiving_organisations(), required=False, label=label, empty_label=_("Choose an organisation"),
        error_messages={"invalid_choice": required_error},
    )


class ConsentForm(SubmittedOnceForm):
    purpose = _radios(_("What is the victim's choice about?"), _("Select what the victim's choice is about"),
                      Purpose.choices)
    organisation = _organisation(_("Which organisation? (for sharing with a named organisation)"),
                                 _("Select the organisation the victim's choice is about"))
    organisation_kind = forms.ChoiceField(
        label=_("Which kind of organisation? (for sharing with a kind of organisation)"), required=False,
        choices=[("", _("Choose a kind of organisation"))] + [(k.value, k.label) for k in RECEIVING_KINDS],
        error_messages={"invalid_choice": _("Select the kind of organisation the victim's choice is about")},
    )
    decision = _radios(_("What did the victim decide?"), _("Select what the victim decided"), Decision.choices)
    how = _radios(_("How did the victim tell you?"), _("Select how the victim made their choice"), How.choices)
    note = forms.CharField(
        label=_("Note (optional)"), required=False, max_length=500, widget=forms.Textarea,
        help_text=_("For example, any limits the victim put on what may be shared."),
        error_messages={"max_length": _("Note must be 500 characters or fewer")},
    )

    def clean(self):
        data = super().clean()
        purpose = data.get("purpose")
        if purpose == Purpose.SHARE_WITH_ORGANISATION and not data.get("organisation") \
                and "organisation" not in self.errors:
            self.add_error("organisation", _("Select the organisation the victim's choice is about"))
        if purpose == Purpose.SHARE_WITH_KIND and not data.get("organisation_kind") \
                and "organisation_kind" not in self.errors:
            self.add_error("organisation_kind", _("Select the kind of organisation the victim's choice is about"))
        return data


class ShareForm(SubmittedOnceForm):
    organisation = _organisation(_("Who are you sharing with?"), _("Select the organisation to share with"))
    items = forms.MultipleChoiceField(
        label=_("What are you sharing?"), choices=SharedItem.choices, widget=forms.CheckboxSelectMultiple,
        help_text=_("Share only what the organisation needs. Select all that apply."),
        error_messages={"required": _("Select what you are sharing"),
                        "invalid_choice": _("Select what you are sharing")},
    )
    summary = forms.CharField(
        label=_("What are you telling them? (optional)"), required=False, max_length=2000, widget=forms.Textarea,
        help_text=_("The organisation sees this with what you share."),
        error_messages={"max_length": _("What you are telling them must be 2,000 characters or fewer")},
    )
    basis = _radios(_("On what lawful basis?"), _("Select the lawful basis for sharing"), LawfulBasis.choices,
                    help_text=_("A safeguarding override needs a written justification and a supervisor's "
                                "approval before anything is shared."))
    justification = forms.CharField(
        label=_("Justification (for a safeguarding override)"), required=False, max_length=2000,
        widget=forms.Textarea,
        error_messages={"max_length": _("Justification must be 2,000 characters or fewer")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].error_messages["required"] = _("Select the organisation to share with")
        self.fields["organisation"].required = True

    def clean(self):
        data = super().clean()
        if data.get("basis") == LawfulBasis.SAFEGUARDING and not (data.get("justification") or "").strip() \
                and "justification" not in self.errors:
            self.add_error("justification", _("Enter why sharing without the victim's consent is justified"))
        return data


class EndForm(SubmittedOnceForm):
    reason = forms.CharField(
        label=_("Why is sharing ending?"), max_length=200,
        error_messages={"required": _("Enter why sharing is ending"),
                        "max_length": _("Why sharing is ending must be 200 characters or fewer")},
    )


APPROVE, REFUSE = "approve", "refuse"


class DecideForm(SubmittedOnceForm):
    decision = _radios(_("Do you approve sharing without consent?"), _("Select whether you approve"),
                       [(APPROVE, pgettext_lazy("safeguarding override", "Approve: share now")),
                        (REFUSE, pgettext_lazy("safeguarding override", "Refuse: nothing is shared"))])
    note = forms.CharField(
        label=_("Note (optional)"), required=False, max_length=1000, widget=forms.Textarea,
        error_messages={"max_length": _("Note must be 1,000 characters or fewer")},
    )
