"""The question pages of the report wizard. Each form is one GOV.UK question page; every error message
names the field it is about."""

import datetime as dt
import re

from django import forms
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from victimcare.cases.forms import SubmittedOnceForm
from victimcare.crimes.offences import CATEGORIES, OFFENCES
from victimcare.firstcontact import assessment
from victimcare.firstcontact.choices import RiskLevel
from victimcare.victims.models import Victim

YES_NO = [("yes", pgettext_lazy("answer", "Yes")), ("no", pgettext_lazy("answer", "No"))]
RATINGS = [("low", pgettext_lazy("rating", "Low")), ("medium", pgettext_lazy("rating", "Medium")),
           ("high", pgettext_lazy("rating", "High"))]
DASH_CHOICES = [("yes", pgettext_lazy("answer", "Yes")), ("no", pgettext_lazy("answer", "No")),
                ("not_known", pgettext_lazy("answer", "Not known"))]
SAFE_WAYS = [
    ("phone", _("Phone call")),
    ("text_message", _("Text message")),
    ("email", _("Email")),
    ("letter", _("Letter")),
    ("in_person", _("In person")),
]
# The victim's answer to "Does the victim want us to refer them to a victims' service?" at first contact.
SUPPORT_REFERRAL = [
    ("yes", pgettext_lazy("answer", "Yes")),
    ("no", pgettext_lazy("answer", "No")),
    ("not_asked", pgettext_lazy("answer", "Not asked yet")),
]
RURAL_CHOICES = [
    ("area", _("Decide from the area (the rural and urban classification)")),
    ("yes", _("Rural")),
    ("no", _("Urban")),
]
THRIVE_LABELS = {
    "threat": _("Threat"),
    "harm": _("Harm"),
    "risk": _("Risk"),
    "investigation": _("Investigation"),
    "vulnerability": _("Vulnerability"),
    "engagement": _("Engagement"),
}
THRIVE_HINTS = {
    "threat": _("Is anyone in danger now, or likely to be?"),
    "harm": _("What harm has been done, or could be done?"),
    "risk": _("How likely is more harm, and how serious would it be?"),
    "investigation": _("What is needed to investigate, and how soon?"),
    "vulnerability": _("Is the victim vulnerable, and how?"),
    "engagement": _("What does the victim want, and how will we keep them engaged?"),
}
GRADE_LABELS = {
    1: _("Grade 1: emergency"),
    2: _("Grade 2: priority"),
    3: _("Grade 3: scheduled"),
    4: _("Grade 4: resolution without deployment"),
}
_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")


def _yes_no(label, required_message, help_text=""):
    return forms.ChoiceField(label=label, choices=YES_NO, widget=forms.RadioSelect, help_text=help_text,
                             error_messages={"required": required_message, "invalid_choice": required_message})


def _sentence(text) -> str:
    """The message with a capital first letter, wherever the translation put the field's name."""
    text = str(text)
    return text[:1].upper() + text[1:]


class DateParts(forms.MultiWidget):
    def __init__(self):
        super().__init__([forms.TextInput, forms.TextInput, forms.TextInput])

    def decompress(self, value):
        return [value.day, value.month, value.year] if value else [None, None, None]


class GovukDateField(forms.MultiValueField):
    """A GOV.UK date input (day, month, year). `name` is how the errors name the date."""

    widget = DateParts

    def __init__(self, *, name, past=True, **kwargs):
        self.name_for_errors = name
        self.past = past
        super().__init__(fields=[forms.CharField(), forms.CharField(), forms.CharField()], require_all_fields=False,
                         **kwargs)

    def clean(self, value):
        parts = [str(part or "").strip() for part in (value or [])] + ["", "", ""]
        day, month, year = parts[:3]
        if not (day or month or year):
            if self.required:
                raise forms.ValidationError(_("Enter %(name)s") % {"name": self.name_for_errors}, code="required")
            return None
        missing = [label for label, part in ((_("a day"), day), (_("a month"), month), (_("a year"), year))
                   if not part]
        name = {"name": self.name_for_errors}
        if missing:
            raise forms.ValidationError(_sentence(_("%(name)s must include %(missing)s") % {
                **name, "missing": missing[0]}))
        try:
            if len(year) != 4:
                raise ValueError
            value = dt.date(int(year), int(month), int(day))
        except ValueError:
            raise forms.ValidationError(_sentence(_("%(name)s must be a real date") % name)) from None
        if self.past and value > timezone.localdate():
            raise forms.ValidationError(_sentence(_("%(name)s must be today or in the past") % name))
        return value

    def compress(self, data_list):  # pragma: no cover - clean() does the work
        return None


# --- Victim -----------------------------------------------------------------------------------------
class VictimSearchForm(forms.Form):
    name = forms.CharField(label=_("Name"), required=False, max_length=100,
                           error_messages={"max_length": _("Name must be 100 characters or fewer")})
    date_of_birth = GovukDateField(name=_("date of birth"), label=_("Date of birth"), required=False,
                                   help_text=_("For example, 27 3 2007"))
    phone = forms.CharField(label=_("Phone number"), required=False, max_length=30,
                            error_messages={"max_length": _("Phone number must be 30 characters or fewer")})

    def has_terms(self) -> bool:
        data = self.cleaned_data
        return bool(data.get("name") or data.get("date_of_birth") or data.get("phone"))


class VictimChoiceForm(forms.Form):
    victim = forms.ChoiceField(
        label=_("Who is the victim?"), widget=forms.RadioSelect,
        error_messages={"required": _("Select the victim, or choose to add a new victim"),
                        "invalid_choice": _("Select the victim, or choose to add a new victim")},
    )

    def __init__(self, *args, victims=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["victim"].choices = [
            *((str(v.pk), _describe_victim(v)) for v in victims),
            ("new", _("A new victim: none of these")),
        ]


def _describe_victim(victim) -> str:
    born = victim.date_of_birth.strftime("%d/%m/%Y") if victim.date_of_birth else "-"
    return f"{victim.full_name}, {born}, {victim.phone or '-'}"


class VictimDetailsForm(forms.Form):
    given_name = forms.CharField(label=_("First name"), max_length=100,
                                 error_messages={"required": _("Enter the victim's first name"),
                                                 "max_length": _("First name must be 100 characters or fewer")})
    family_name = forms.CharField(label=_("Last name"), max_length=100,
                                  error_messages={"required": _("Enter the victim's last name"),
                                                  "max_length": _("Last name must be 100 characters or fewer")})
    date_of_birth = GovukDateField(name=_("the victim's date of birth"), label=_("Date of birth"),
                                   help_text=_("For example, 27 3 2007"))
    phone = forms.CharField(label=_("Phone number"), required=False, max_length=30,
                            error_messages={"max_length": _("Phone number must be 30 characters or fewer")})
    email = forms.EmailField(label=_("Email address"), required=False,
                             error_messages={"invalid": _("Enter an email address in the correct format, "
                                                          "like name@example.com")})
    address = forms.CharField(label=_("Address"), required=False, widget=forms.Textarea, max_length=500,
                              error_messages={"max_length": _("Address must be 500 characters or fewer")})
    postcode = forms.CharField(label=_("Postcode"), required=False, max_length=8,
                               error_messages={"max_length": _("Postcode must be 8 characters or fewer")})
    preferred_language = forms.ChoiceField(
        label=_("Which language does the victim want us to use?"), choices=Victim.Language.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the language the victim wants us to use"),
                        "invalid_choice": _("Select the language the victim wants us to use")},
    )
    other_language = forms.CharField(label=_("If another language, which one?"), required=False, max_length=100,
                                     error_messages={"max_length": _("Language must be 100 characters or fewer")})
    needs_interpreter = _yes_no(_("Does the victim need an interpreter?"),
                                _("Select yes if the victim needs an interpreter"))
    communication_needs = forms.CharField(
        label=_("Communication needs (optional)"), required=False, widget=forms.Textarea, max_length=1000,
        help_text=_("For example, British Sign Language, large print, easy read, or a hearing loop."),
        error_messages={"max_length": _("Communication needs must be 1,000 characters or fewer")},
    )

    def clean(self):
        data = super().clean()
        if data.get("preferred_language") == Victim.Language.OTHER and not data.get("other_language", "").strip():
            self.add_error("other_language", _("Enter the language the victim wants us to use"))
        return data

    def victim_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "given_name": data["given_name"].strip(), "family_name": data["family_name"].strip(),
            "date_of_birth": data["date_of_birth"], "phone": data["phone"].strip(), "email": data["email"],
            "address": data["address"].strip(), "postcode": data["postcode"].strip().upper(),
            "preferred_language": data["preferred_language"], "other_language": data["other_language"].strip(),
            "needs_interpreter": data["needs_interpreter"] == "yes",
            "communication_needs": data["communication_needs"].strip(),
        }


# --- Incident ---------------------------------------------------------------------------------------
class IncidentForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), error_messages={
        "required": _("Select the category of crime"), "invalid_choice": _("Select the category of crime")})
    offence = forms.ChoiceField(label=_("Offence (if known)"), required=False, error_messages={
        "invalid_choice": _("Select the offence from the list")})
    is_domestic_abuse = _yes_no(_("Is this domestic abuse?"), _("Select yes if this is domestic abuse"))
    is_hate_crime = _yes_no(_("Is this a hate crime?"), _("Select yes if this is a hate crime"))
    is_honour_based = _yes_no(_("Is this honour-based abuse?"), _("Select yes if this is honour-based abuse"))
    occurred_on = GovukDateField(name=_("the date it happened"), label=_("Date it happened"),
                                 help_text=_("For example, 28 8 2026"))
    occurred_time = forms.CharField(label=_("Time it happened (optional)"), required=False, max_length=5,
                                    help_text=_("Use the 24-hour clock, for example 14:30"))
    location_description = forms.CharField(
        label=_("Where did it happen?"), max_length=200, help_text=_("For example, the street or the place"),
        error_messages={"required": _("Enter where it happened"),
                        "max_length": _("Where it happened must be 200 characters or fewer")})
    postcode = forms.CharField(label=_("Postcode (if known)"), required=False, max_length=8,
                               error_messages={"max_length": _("Postcode must be 8 characters or fewer")})
    latitude = forms.DecimalField(label=_("Latitude (optional)"), required=False, max_digits=9, decimal_places=6,
                                  min_value=-90, max_value=90,
                                  error_messages={"invalid": _("Latitude must be a number, like 51.5842")})
    longitude = forms.DecimalField(label=_("Longitude (optional)"), required=False, max_digits=9, decimal_places=6,
                                   min_value=-180, max_value=180,
                                   error_messages={"invalid": _("Longitude must be a number, like -2.9977")})
    rural = forms.ChoiceField(label=_("Is the place rural?"), choices=RURAL_CHOICES, widget=forms.RadioSelect,
                              initial="area",
                              help_text=_("A rural place has the longer emergency response target."),
                              error_messages={"required": _("Select whether the place is rural"),
                                              "invalid_choice": _("Select whether the place is rural")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        language = get_language() or "en"
        welsh = language == "cy"
        categories = sorted(((c.slug, c.name_cy if welsh else c.police_uk_name) for c in CATEGORIES.values()),
                            key=lambda c: c[1])
        offences = sorted(((o.slug, o.name_cy if welsh else o.name_en) for o in OFFENCES.values()),
                          key=lambda c: c[1])
        self.fields["category"].choices = [("", _("Choose a category")), *categories]
        self.fields["offence"].choices = [("", _("Not known yet")), *offences]

    def clean_occurred_time(self):
        text = self.cleaned_data["occurred_time"].strip()
        if not text:
            return ""
        match = _TIME.match(text)
        if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
            raise forms.ValidationError(_("Time it happened must be a real time, like 14:30"))
        return f"{int(match.group(1)):02d}:{match.group(2)}"

    def clean(self):
        data = super().clean()
        offence = OFFENCES.get(data.get("offence") or "")
        if offence is not None and data.get("category") and offence.category != data["category"]:
            self.add_error("offence", _("Offence must be one in the category you selected"))
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            missing = "latitude" if data.get("latitude") is None else "longitude"
            self.add_error(missing, _("Enter both latitude and longitude, or neither"))
        return data

    def occurred_at(self):
        data = self.cleaned_data
        hours, minutes = (int(part) for part in (data["occurred_time"] or "00:00").split(":"))
        return timezone.make_aware(dt.datetime.combine(data["occurred_on"], dt.time(hours, minutes)))


# --- Assessment -------------------------------------------------------------------------------------
class ThriveForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in assessment.THRIVE:
            label = THRIVE_LABELS[name]
            lower = str(label).lower()
            self.fields[f"{name}_rating"] = forms.ChoiceField(
                label=label, choices=RATINGS, widget=forms.RadioSelect, help_text=THRIVE_HINTS[name],
                error_messages={"required": _("Select the %(dimension)s rating") % {"dimension": lower},
                                "invalid_choice": _("Select the %(dimension)s rating") % {"dimension": lower}})
            self.fields[f"{name}_rationale"] = forms.CharField(
                label=_("Why? (%(dimension)s)") % {"dimension": label}, widget=forms.Textarea, max_length=500,
                error_messages={
                    "required": _("Enter why you gave that %(dimension)s rating") % {"dimension": lower},
                    "max_length": _("%(dimension)s rationale must be 500 characters or fewer") % {
                        "dimension": label}})

    def dimensions(self):
        """(rating field, rationale field) per THRIVE dimension, for the template."""
        return [(self[f"{name}_rating"], self[f"{name}_rationale"]) for name in assessment.THRIVE]

    def values(self) -> dict:
        return {name: {"rating": self.cleaned_data[f"{name}_rating"],
                       "rationale": self.cleaned_data[f"{name}_rationale"].strip()} for name in assessment.THRIVE}


class NeedsForm(forms.Form):
    wants_attendance = _yes_no(_("Does the victim want an officer to attend?"),
                               _("Select yes if the victim wants an officer to attend"))
    support_referral = forms.ChoiceField(
        label=_("Does the victim want us to refer them to a victims' service for support?"),
        choices=SUPPORT_REFERRAL, widget=forms.RadioSelect,
        help_text=_("If it is not safe or not the right time to ask, say it has not been asked yet. The case "
                    "will show that the question is still to be asked."),
        error_messages={"required": _("Select whether the victim wants us to refer them to a victims' service"),
                        "invalid_choice": _("Select whether the victim wants us to refer them to a victims' "
                                            "service")})
    impact = forms.CharField(
        label=_("How is the incident affecting the victim?"), widget=forms.Textarea, max_length=1000,
        error_messages={"required": _("Enter how the incident is affecting the victim"),
                        "max_length": _("How the incident is affecting the victim must be 1,000 characters or fewer")})
    communication = forms.CharField(
        label=_("Communication and language needs (optional)"), required=False, widget=forms.Textarea,
        max_length=1000, help_text=_("For example, an interpreter, plain language, or someone to help them."),
        error_messages={"max_length": _("Communication and language needs must be 1,000 characters or fewer")})
    safe_ways = forms.MultipleChoiceField(
        label=_("What are safe ways to contact the victim?"), choices=SAFE_WAYS, widget=forms.CheckboxSelectMultiple,
        help_text=_("Select all that apply."),
        error_messages={"required": _("Select at least one safe way to contact the victim"),
                        "invalid_choice": _("Select at least one safe way to contact the victim")})
    safe_times = forms.CharField(
        label=_("When is it safe to contact the victim?"), max_length=200,
        help_text=_("For example, weekdays between 9am and 3pm when the children are at school"),
        error_messages={"required": _("Enter when it is safe to contact the victim"),
                        "max_length": _("When it is safe must be 200 characters or fewer")})
    leave_messages = _yes_no(_("Is it safe to leave a message?"), _("Select yes if it is safe to leave a message"))

    def values(self) -> dict:
        data = self.cleaned_data
        return {"wants_attendance": data["wants_attendance"] == "yes",
                "support_referral": data["support_referral"], "impact": data["impact"].strip(),
                "communication": data["communication"].strip(), "safe_ways": list(data["safe_ways"]),
                "safe_times": data["safe_times"].strip(), "leave_messages": data["leave_messages"] == "yes"}


class VulnerabilityForm(forms.Form):
    is_vulnerable = _yes_no(
        _("Is the victim vulnerable?"), _("Select yes if the victim is vulnerable"),
        help_text=_("For example, because of a mental disorder, a learning disability, a physical disability, "
                    "or because they are a child."))
    vulnerable_detail = forms.CharField(label=_("How is the victim vulnerable? (optional)"), required=False,
                                        widget=forms.Textarea, max_length=1000, error_messages={
                                            "max_length": _("How the victim is vulnerable must be 1,000 characters "
                                                            "or fewer")})
    is_intimidated = _yes_no(
        _("Is the victim intimidated?"), _("Select yes if the victim is intimidated"),
        help_text=_("Fear or distress about giving evidence or cooperating, for example because of threats."))
    intimidated_detail = forms.CharField(label=_("Who or what is intimidating the victim? (optional)"), required=False,
                                         widget=forms.Textarea, max_length=1000, error_messages={
                                             "max_length": _("Who or what is intimidating the victim must be 1,000 "
                                                             "characters or fewer")})
    is_persistently_targeted = _yes_no(_("Has the victim been persistently targeted?"),
                                       _("Select yes if the victim has been persistently targeted"))
    is_bereaved_relative = _yes_no(_("Is the victim a close relative of someone who died because of a crime?"),
                                   _("Select yes if the victim is a close relative bereaved by crime"))

    def values(self) -> dict:
        data = self.cleaned_data
        return {"is_vulnerable": data["is_vulnerable"] == "yes", "vulnerable_detail": data["vulnerable_detail"].strip(),
                "is_intimidated": data["is_intimidated"] == "yes",
                "intimidated_detail": data["intimidated_detail"].strip(),
                "is_persistently_targeted": data["is_persistently_targeted"] == "yes",
                "is_bereaved_relative": data["is_bereaved_relative"] == "yes"}


class DashForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        language = get_language() or "en"
        for number in range(1, len(assessment.DASH_QUESTIONS) + 1):
            message = _("Select an answer to question %(number)s") % {"number": number}
            self.fields[f"q{number}"] = forms.ChoiceField(
                label=f"{number}. {assessment.dash_question(number, language)}", choices=DASH_CHOICES,
                widget=forms.RadioSelect, error_messages={"required": message, "invalid_choice": message})

    def answers(self) -> dict[int, str]:
        return {number: self.cleaned_data[f"q{number}"] for number in range(1, len(assessment.DASH_QUESTIONS) + 1)}


class ProposalsForm(forms.Form):
    """For each proposal, what the user chooses (the proposal is preselected) and, if they change it, why."""

    NAMES = ("repeat_victim", "enhanced_rights", "risk_level", "response_grade")

    def __init__(self, *args, proposals, labels, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposals = proposals
        choices = {
            "repeat_victim": YES_NO,
            "enhanced_rights": YES_NO,
            "risk_level": list(RiskLevel.choices),
            "response_grade": [(str(grade), label) for grade, label in GRADE_LABELS.items()],
        }
        for name in self.NAMES:
            proposed = proposals[name]
            self.fields[name] = forms.ChoiceField(
                label=labels[name], widget=forms.RadioSelect, initial=proposed,
                choices=[(value, _("%(choice)s (proposed)") % {"choice": label} if value == proposed else label)
                         for value, label in choices[name]],
                error_messages={"required": _("Select the %(what)s") % {"what": labels[name].lower()},
                                "invalid_choice": _("Select the %(what)s") % {"what": labels[name].lower()}})
            self.fields[f"{name}_reason"] = forms.CharField(
                label=_("If you change the %(what)s, why?") % {"what": labels[name].lower()}, required=False,
                widget=forms.Textarea, max_length=500,
                error_messages={"max_length": _("Reason must be 500 characters or fewer")})

    def clean(self):
        data = super().clean()
        for name in self.NAMES:
            chosen = data.get(name)
            if chosen and chosen != self.proposals[name] and not data.get(f"{name}_reason", "").strip():
                self.add_error(f"{name}_reason", _("Enter why you changed the proposed %(what)s") % {
                    "what": str(self.fields[name].label).lower()})
        return data

    def pairs(self):
        return [(self[name], self[f"{name}_reason"]) for name in self.NAMES]


class RecordReportForm(SubmittedOnceForm):
    """The check-your-answers page's button. The wizard id is the submission key."""
