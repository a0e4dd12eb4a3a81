"""Forms for flagging cases, running meetings and recording actions."""

import datetime as dt
import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from victimcare.areas.models import LocalAuthority
from victimcare.cases.forms import SubmittedOnceForm
from victimcare.firstcontact.forms import GovukDateField
from victimcare.multiagency.models import AgendaItem
from victimcare.sharing.models import SharedItem

DASH = " \N{EN DASH} "
_TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")


# What can be shared of a case (the sharing app's SharedItem), as this form words it.
ITEM_CHOICES = [
    (SharedItem.INCIDENT_SUMMARY, pgettext_lazy("multi-agency item",
                                                "Incident summary (what, when, where; no victim details)")),
    (SharedItem.VICTIM_NAME, pgettext_lazy("multi-agency item", "Victim's name and date of birth")),
    (SharedItem.VICTIM_CONTACT, pgettext_lazy("multi-agency item", "Victim's contact details")),
    (SharedItem.RISK_ASSESSMENT, pgettext_lazy("multi-agency item", "Risk assessment")),
    (SharedItem.NEEDS, pgettext_lazy("multi-agency item", "Support needs")),
    (SharedItem.CASE_PROGRESS, pgettext_lazy("multi-agency item", "Progress of the investigation")),
]


def _choose(message):
    return {"required": message, "invalid_choice": message}


class FlagForm(SubmittedOnceForm):
    note = forms.CharField(
        label=_("Why should the case go to a multi-agency meeting?"),
        help_text=_("Your professional judgement: what makes the victim at serious risk of harm."),
        max_length=2000, widget=forms.Textarea,
        error_messages={"required": _("Enter why the case should go to a multi-agency meeting"),
                        "max_length": _("The reason must be 2,000 characters or fewer")},
    )


class WithdrawForm(SubmittedOnceForm):
    reason = forms.CharField(
        label=_("Why is the flag withdrawn?"), max_length=500, widget=forms.Textarea,
        error_messages={"required": _("Enter why the flag is withdrawn"),
                        "max_length": _("The reason must be 500 characters or fewer")},
    )


class MeetingForm(SubmittedOnceForm):
    title = forms.CharField(
        label=_("Title"), help_text=_("For example, Newport MARAC"), max_length=200,
        error_messages={"required": _("Enter a title"), "max_length": _("The title must be 200 characters or fewer")},
    )
    held_on = GovukDateField(name=_("the date of the meeting"), label=_("Date"), past=False,
                             help_text=_("For example, 27 3 2027"))
    time = forms.CharField(
        label=_("Time"), help_text=_("For example, 10:00"), max_length=5,
        error_messages={"required": _("Enter the time of the meeting"),
                        "max_length": _("Enter the time as hours and minutes, for example 10:00")},
    )
    local_authority = forms.ChoiceField(label=_("Local authority"), required=False,
                                        error_messages=_choose(_("Choose one of the local authorities listed")))
    chair = forms.ChoiceField(label=_("Who chairs it?"), error_messages=_choose(_("Select who chairs the meeting")))
    attending = forms.MultipleChoiceField(
        label=_("Agencies attending"), help_text=_("Select all that apply."), widget=forms.CheckboxSelectMultiple,
        error_messages=_choose(_("Select the agencies attending")),
    )

    def __init__(self, *args, chairs=(), agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.chairs = {str(o.pk): o for o in chairs}
        self.agencies = {str(o.pk): o for o in agencies}
        self.fields["chair"].choices = [("", _("Select who chairs it"))] + [(k, o.name) for k, o in self.chairs.items()]
        self.fields["attending"].choices = [(k, o.name) for k, o in self.agencies.items()]
        self.fields["local_authority"].choices = [("", _("Not given"))] + [
            (la.code, la.name) for la in LocalAuthority.objects.order_by("name_en")]

    def clean_time(self):
        match = _TIME.match(self.cleaned_data["time"].strip())
        if not match:
            raise forms.ValidationError(_("Enter the time as hours and minutes, for example 10:00"))
        return dt.time(int(match.group(1)), int(match.group(2)))

    def clean(self):
        data = super().clean()
        if data.get("held_on") and data.get("time"):
            data["held_at"] = timezone.make_aware(dt.datetime.combine(data["held_on"], data["time"]))
        return data

    @property
    def chosen_chair(self):
        return self.chairs[self.cleaned_data["chair"]]

    @property
    def chosen_agencies(self):
        return [self.agencies[key] for key in self.cleaned_data["attending"]]


class AgendaForm(SubmittedOnceForm):
    """Which flagged case, on which lawful basis, and what each attending agency may see of it
    (fields items_<agency id>)."""

    referral = forms.ChoiceField(label=_("Which flagged case?"), widget=forms.RadioSelect,
                                 error_messages=_choose(_("Select the case to add to the agenda")))
    basis = forms.ChoiceField(
        label=_("On what basis is information shared with the agencies?"), widget=forms.RadioSelect,
        choices=[(AgendaItem.Basis.CONSENT, _("The victim consented to discussion at a multi-agency meeting: share "
                                              "now")),
                 (AgendaItem.Basis.SAFEGUARDING, _("Without the victim's consent, on safeguarding grounds: a "
                                                   "supervisor must approve before anything is shared"))],
        error_messages=_choose(_("Select the basis for sharing")),
    )
    justification = forms.CharField(
        label=_("Why share without consent?"), help_text=_("Only needed for sharing on safeguarding grounds."),
        required=False, max_length=2000, widget=forms.Textarea,
        error_messages={"max_length": _("The justification must be 2,000 characters or fewer")},
    )

    def __init__(self, *args, referrals=(), agencies=(), consented_victims=frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        self.referrals = {str(r.pk): r for r in referrals}
        self.agencies = list(agencies)
        self.consented_victims = consented_victims
        self.fields["referral"].choices = [(key, self.referral_label(r)) for key, r in self.referrals.items()]
        for agency in self.agencies:
            self.fields[f"items_{agency.pk}"] = forms.MultipleChoiceField(
                label=_("What may %(agency)s see?") % {"agency": agency.name}, required=False,
                choices=ITEM_CHOICES, widget=forms.CheckboxSelectMultiple,
                help_text=_("Leave all unticked to share nothing with them."),
                error_messages=_choose(_("Select what %(agency)s may see") % {"agency": agency.name}),
            )

    def referral_label(self, referral) -> str:
        case = referral.case
        label = f"{case.crime.reference}{DASH}{case.victim.full_name}"
        if referral.is_repeat:
            label += DASH + str(_("repeat referral"))
        if case.victim_id in self.consented_victims:
            label += DASH + str(_("consent to discuss given"))
        return label

    def agency_fields(self):
        return [self[f"items_{agency.pk}"] for agency in self.agencies]

    def clean(self):
        data = super().clean()
        referral = self.referrals.get(data.get("referral") or "")
        if referral is not None and data.get("basis") == AgendaItem.Basis.CONSENT \
                and referral.case.victim_id not in self.consented_victims:
            self.add_error("basis", _("The victim has not consented to discussion at a multi-agency meeting: choose "
                                      "safeguarding grounds and say why, or record their consent first"))
        if data.get("basis") == AgendaItem.Basis.SAFEGUARDING and not (data.get("justification") or "").strip():
            self.add_error("justification", _("Enter why the information is shared without consent"))
        return data

    @property
    def chosen_referral(self):
        return self.referrals[self.cleaned_data["referral"]]

    @property
    def items_by_agency(self) -> dict:
        return {agency: self.cleaned_data.get(f"items_{agency.pk}") or [] for agency in self.agencies}


class ActionForm(SubmittedOnceForm):
    owner = forms.ChoiceField(label=_("Who will do it?"), error_messages=_choose(_("Select who will do it")))
    description = forms.CharField(
        label=_("What will be done?"), max_length=2000, widget=forms.Textarea,
        error_messages={"required": _("Enter what will be done"),
                        "max_length": _("What will be done must be 2,000 characters or fewer")},
    )
    due_on = GovukDateField(name=_("the due date"), label=_("Due date"), past=False,
                            help_text=_("For example, 27 3 2027"))

    def __init__(self, *args, owners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.owners = {str(o.pk): o for o in owners}
        self.fields["owner"].choices = [("", _("Select who will do it")),
                                        *((key, owner.name) for key, owner in self.owners.items())]

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on is not None and due_on < timezone.localdate():
            raise forms.ValidationError(_("The due date must be today or in the future"))
        return due_on

    @property
    def chosen_owner(self):
        return self.owners[self.cleaned_data["owner"]]


class CompleteActionForm(SubmittedOnceForm):
    pass


class CancelActionForm(SubmittedOnceForm):
    reason = forms.CharField(
        label=_("Why is the action cancelled?"), max_length=500, widget=forms.Textarea,
        error_messages={"required": _("Enter why the action is cancelled"),
                        "max_length": _("The reason must be 500 characters or fewer")},
    )
