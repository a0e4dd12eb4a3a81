"""Forms for the charge, hearings, court news and the witness care record. Dates and times a form asks
for are checked against the charge and the clock here, so an error names the field; the services check
them again."""

import datetime as dt
import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from victimcare.cases.forms import SubmittedOnceForm
from victimcare.charter.rules import CourtNews
from victimcare.court.choices import Measure, MeasuresDecision, Need, Visit, VpsUse
from victimcare.court.models import Defendant, Hearing, NewsItem
from victimcare.firstcontact.forms import GovukDateField

_TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")
YES_NO = [("yes", pgettext_lazy("court answer", "Yes")), ("no", pgettext_lazy("court answer", "No"))]
# News recorded on its own (the rest comes with listing, moving or cancelling a hearing, or a result).
OTHER_NEWS = (CourtNews.MUST_GIVE_EVIDENCE, CourtNews.EVIDENCE_NOT_NEEDED, CourtNews.WARRANT_ISSUED,
              CourtNews.RE_ARRESTED, CourtNews.APPEAL)


def _choose(message):
    return {"required": message, "invalid_choice": message}


def _note(label=None, required=False):
    return forms.CharField(label=label or _("Notes"), required=required, max_length=2000, widget=forms.Textarea,
                           error_messages={"required": _("Enter the notes"),
                                           "max_length": _("The notes must be 2,000 characters or fewer")})


def _time_field(label, what):
    return forms.CharField(label=label, help_text=_("For example, 14:30"), max_length=5,
                           error_messages={"required": _("Enter the time %(what)s") % {"what": what},
                                           "max_length": _("Enter the time as hours and minutes, for example 14:30")})


def _parse_time(value):
    match = _TIME.match((value or "").strip())
    if not match:
        raise forms.ValidationError(_("Enter the time as hours and minutes, for example 14:30"))
    return dt.time(int(match.group(1)), int(match.group(2)))


def _combine(day, time):
    return timezone.make_aware(dt.datetime.combine(day, time))


class ReceivedMixin(forms.Form):
    """When the Witness Care Unit received the news: required, now by default, never in the future."""

    received_on = GovukDateField(name=_("the date the news was received"), label=_("Date the news was received"),
                                 help_text=_("For example, 28 8 2026"))
    received_time = _time_field(_("Time the news was received"), _("the news was received"))

    def __init__(self, *args, charged_at=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.charged_at = charged_at
        now = timezone.localtime()
        self.fields["received_on"].initial = now.date()
        self.fields["received_time"].initial = now.strftime("%H:%M")

    def clean_received_time(self):
        return _parse_time(self.cleaned_data["received_time"])

    def clean(self):
        data = super().clean()
        if data.get("received_on") and data.get("received_time"):
            received_at = _combine(data["received_on"], data["received_time"])
            if received_at > timezone.now():
                self.add_error("received_time", _("The time the news was received must not be in the future"))
            elif self.charged_at is not None and received_at < self.charged_at:
                self.add_error("received_on", _("The news must be received after the charge"))
            else:
                data["received_at"] = received_at
        return data


class HearingTimeMixin(forms.Form):
    hearing_on = GovukDateField(name=_("the date of the hearing"), label=_("Date of the hearing"), past=False,
                                help_text=_("For example, 1 9 2026"))
    hearing_time = _time_field(_("Time of the hearing"), _("of the hearing"))
    place = forms.CharField(label=_("Court room"), required=False, max_length=200,
                            help_text=_("For example, Court 2"),
                            error_messages={"max_length": _("The court room must be 200 characters or fewer")})

    def clean_hearing_time(self):
        return _parse_time(self.cleaned_data["hearing_time"])

    def clean(self):
        data = super().clean()
        if data.get("hearing_on") and data.get("hearing_time"):
            starts_at = _combine(data["hearing_on"], data["hearing_time"])
            if self.charged_at is not None and starts_at < self.charged_at:
                self.add_error("hearing_on", _("The date of the hearing must be after the charge"))
            else:
                data["starts_at"] = starts_at
        return data


class ChargeForm(SubmittedOnceForm):
    court = forms.CharField(label=_("Court"), max_length=200,
                            help_text=_("For example, Newport Magistrates' Court or Cardiff Crown Court"),
                            error_messages={"required": _("Enter the court"),
                                            "max_length": _("The court must be 200 characters or fewer")})
    defendant = forms.CharField(label=_("Defendant's full name"), max_length=200,
                                error_messages={"required": _("Enter the defendant's full name"),
                                                "max_length": _("The name must be 200 characters or fewer")})
    date_of_birth = GovukDateField(name=_("the defendant's date of birth"), label=_("Defendant's date of birth"),
                                   required=False, help_text=_("Optional. For example, 27 3 1990"))
    custody = forms.ChoiceField(label=_("Is the defendant in custody or on bail?"), widget=forms.RadioSelect,
                                choices=Defendant.Custody.choices,
                                error_messages=_choose(_("Select whether the defendant is in custody or on bail")))
    charge = forms.CharField(label=_("Offence charged"), max_length=500,
                             help_text=_("The wording of the charge, for example, Assault occasioning actual bodily "
                                         "harm"),
                             error_messages={"required": _("Enter the offence charged"),
                                             "max_length": _("The offence must be 500 characters or fewer")})
    violent_or_sexual = forms.ChoiceField(
        label=_("Is it a violent or sexual offence?"), widget=forms.RadioSelect, choices=YES_NO,
        help_text=_("A sentence of 12 months or more for one means a Victim Contact Scheme referral."),
        error_messages=_choose(_("Select whether it is a violent or sexual offence")))
    witness_care_unit = forms.ChoiceField(label=_("Witness Care Unit"),
                                          error_messages=_choose(_("Select the Witness Care Unit")))

    def __init__(self, *args, units=(), default_unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = {str(unit.pk): unit for unit in units}
        self.fields["witness_care_unit"].choices = [(key, unit.name) for key, unit in self.units.items()]
        if default_unit is not None:
            self.fields["witness_care_unit"].initial = str(default_unit.pk)

    @property
    def chosen_unit(self):
        return self.units[self.cleaned_data["witness_care_unit"]]


class DefendantForm(SubmittedOnceForm):
    name = forms.CharField(label=_("Defendant's full name"), max_length=200,
                           error_messages={"required": _("Enter the defendant's full name"),
                                           "max_length": _("The name must be 200 characters or fewer")})
    date_of_birth = GovukDateField(name=_("the defendant's date of birth"), label=_("Defendant's date of birth"),
                                   required=False, help_text=_("Optional. For example, 27 3 1990"))
    custody = forms.ChoiceField(label=_("Is the defendant in custody or on bail?"), widget=forms.RadioSelect,
                                choices=Defendant.Custody.choices,
                                error_messages=_choose(_("Select whether the defendant is in custody or on bail")))


class ChargeAddForm(SubmittedOnceForm):
    wording = forms.CharField(label=_("Offence charged"), max_length=500,
                              error_messages={"required": _("Enter the offence charged"),
                                              "max_length": _("The offence must be 500 characters or fewer")})
    violent_or_sexual = forms.ChoiceField(
        label=_("Is it a violent or sexual offence?"), widget=forms.RadioSelect, choices=YES_NO,
        error_messages=_choose(_("Select whether it is a violent or sexual offence")))


class ListHearingForm(ReceivedMixin, HearingTimeMixin, SubmittedOnceForm):
    kind = forms.ChoiceField(label=_("Kind of hearing"), widget=forms.RadioSelect, choices=Hearing.Kind.choices,
                             error_messages=_choose(_("Select the kind of hearing")))
    field_order = ["kind", "hearing_on", "hearing_time", "place", "received_on", "received_time"]


class MoveHearingForm(ReceivedMixin, HearingTimeMixin, SubmittedOnceForm):
    field_order = ["hearing_on", "hearing_time", "place", "received_on", "received_time"]


class VacateHearingForm(ReceivedMixin, SubmittedOnceForm):
    reason = forms.CharField(label=_("Why was it cancelled?"), required=False, max_length=2000,
                             widget=forms.Textarea,
                             error_messages={"max_length": _("The reason must be 2,000 characters or fewer")})
    field_order = ["reason", "received_on", "received_time"]


class PleaForm(ReceivedMixin, SubmittedOnceForm):
    plea = forms.ChoiceField(label=_("Plea"), widget=forms.RadioSelect, choices=Hearing.Plea.choices,
                             error_messages=_choose(_("Select the plea")))
    result = _note(_("Details of the result"))
    field_order = ["plea", "result", "received_on", "received_time"]


class VerdictForm(ReceivedMixin, SubmittedOnceForm):
    verdict = forms.ChoiceField(label=_("Verdict"), widget=forms.RadioSelect, choices=Hearing.Verdict.choices,
                                error_messages=_choose(_("Select the verdict")))
    result = _note(_("Details of the result"))
    field_order = ["verdict", "result", "received_on", "received_time"]


class SentenceForm(ReceivedMixin, SubmittedOnceForm):
    custody_months = forms.IntegerField(
        label=_("Months of custody"), required=False, min_value=0, max_value=1200,
        help_text=_("Leave empty for a non-custodial sentence."),
        error_messages={"invalid": _("Enter the months of custody as a whole number, for example 18"),
                        "min_value": _("The months of custody must be 0 or more"),
                        "max_value": _("The months of custody must be 1,200 or fewer")})
    non_custodial = forms.CharField(
        label=_("Non-custodial sentence"), required=False, max_length=300,
        help_text=_("For example, a community order with 200 hours of unpaid work"),
        error_messages={"max_length": _("The sentence must be 300 characters or fewer")})
    result = _note(_("Details of the result"))
    field_order = ["custody_months", "non_custodial", "result", "received_on", "received_time"]

    def clean(self):
        data = super().clean()
        if data.get("custody_months") is None and not (data.get("non_custodial") or "").strip() \
                and "custody_months" not in self.errors:
            self.add_error("custody_months", _("Enter the months of custody or the non-custodial sentence"))
        return data


class BailForm(ReceivedMixin, SubmittedOnceForm):
    bail = forms.ChoiceField(label=_("Bail outcome"), widget=forms.RadioSelect, choices=Hearing.Bail.choices,
                             error_messages=_choose(_("Select the bail outcome")))
    conditions = forms.CharField(label=_("Bail conditions"), required=False, max_length=500, widget=forms.Textarea,
                                 error_messages={"max_length": _("The conditions must be 500 characters or fewer")})
    field_order = ["bail", "conditions", "received_on", "received_time"]

    def clean(self):
        data = super().clean()
        if data.get("bail") == Hearing.Bail.GRANTED and not (data.get("conditions") or "").strip():
            self.add_error("conditions", _("Enter the bail conditions"))
        return data


class NewsForm(ReceivedMixin, SubmittedOnceForm):
    kind = forms.ChoiceField(label=_("What is the news?"), widget=forms.RadioSelect,
                             error_messages=_choose(_("Select what the news is")))
    details = _note(_("Details"))
    field_order = ["kind", "details", "received_on", "received_time"]

    def __init__(self, *args, language="en", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(news.value, news.label(language)) for news in OTHER_NEWS]


class ToldForm(SubmittedOnceForm):
    how = forms.ChoiceField(label=_("How was the victim told?"), widget=forms.RadioSelect,
                            choices=NewsItem.How.choices, error_messages=_choose(_("Select how the victim was told")))


class NeedsForm(SubmittedOnceForm):
    needs = forms.MultipleChoiceField(label=_("What does the victim need to give their best evidence?"),
                                      required=False, widget=forms.CheckboxSelectMultiple, choices=Need.choices,
                                      help_text=_("Select all that apply."),
                                      error_messages=_choose(_("Select needs from the list")))
    note = _note()

    def clean(self):
        data = super().clean()
        if not data.get("needs") and not (data.get("note") or "").strip() and "needs" not in self.errors:
            self.add_error("needs", _("Select the victim's needs, or say in the notes that they have none"))
        return data


class MeasuresRequestForm(SubmittedOnceForm):
    measures = forms.MultipleChoiceField(label=_("Special measures requested"), widget=forms.CheckboxSelectMultiple,
                                         choices=Measure.choices, help_text=_("Select all that apply."),
                                         error_messages=_choose(_("Select the special measures requested")))
    note = _note()


class MeasuresDecisionForm(SubmittedOnceForm):
    measures = forms.MultipleChoiceField(label=_("Special measures the court decided"),
                                         widget=forms.CheckboxSelectMultiple, choices=Measure.choices,
                                         error_messages=_choose(_("Select the special measures decided")))
    decision = forms.ChoiceField(label=_("The court's decision"), widget=forms.RadioSelect,
                                 choices=MeasuresDecision.choices,
                                 error_messages=_choose(_("Select the court's decision")))
    note = _note()


class VisitForm(SubmittedOnceForm):
    outcome = forms.ChoiceField(label=_("Pre-trial visit"), widget=forms.RadioSelect, choices=Visit.choices,
                                error_messages=_choose(_("Select what happened about the pre-trial visit")))
    note = _note()


class NoteForm(SubmittedOnceForm):
    note = _note()


class VpsMadeForm(SubmittedOnceForm):
    made_on = GovukDateField(name=_("the date the statement was made"), label=_("Date the statement was made"),
                             help_text=_("For example, 14 9 2026"))
    note = _note()


class VpsSentencingForm(SubmittedOnceForm):
    use = forms.ChoiceField(label=_("How was the statement used at sentencing?"), widget=forms.RadioSelect,
                            choices=VpsUse.choices, error_messages=_choose(_("Select how the statement was used")))
    note = _note()


class VcsReferralForm(SubmittedOnceForm):
    probation = forms.ChoiceField(label=_("Probation service"),
                                  error_messages=_choose(_("Select the probation service")))
    note = _note()

    def __init__(self, *args, services=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.services = {str(service.pk): service for service in services}
        self.fields["probation"].choices = [(key, service.name) for key, service in self.services.items()]

    @property
    def chosen(self):
        return self.services[self.cleaned_data["probation"]]
