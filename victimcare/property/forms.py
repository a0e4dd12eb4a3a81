"""Forms for the property register: taking an item, its movements, and its way back to its owner."""

import datetime as dt
import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from victimcare.cases.forms import SubmittedOnceForm
from victimcare.firstcontact.forms import GovukDateField
from victimcare.property.models import KeptInstead, Movement, Reason
from victimcare.property.services import ORDINARY_MOVEMENTS

_TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")
YES_NO = [("yes", pgettext_lazy("property", "Yes")), ("no", pgettext_lazy("property", "No"))]


def _choose(message):
    return {"required": message, "invalid_choice": message}


class WhenForm(SubmittedOnceForm):
    """A date and a time, combined into cleaned_data["at"] (the service checks it is not in the future)."""

    on = GovukDateField(name=_("the date"), label=_("Date"), help_text=_("For example, 27 3 2026"))
    time = forms.CharField(label=_("Time"), help_text=_("For example, 14:30"), max_length=5,
                           error_messages={"required": _("Enter the time"),
                                           "max_length": _("Enter the time as hours and minutes, for example 14:30")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            now = timezone.localtime()
            self.initial.setdefault("on", now.date())
            self.initial.setdefault("time", now.strftime("%H:%M"))

    def clean_time(self):
        match = _TIME.match(self.cleaned_data["time"].strip())
        if not match:
            raise forms.ValidationError(_("Enter the time as hours and minutes, for example 14:30"))
        return dt.time(int(match.group(1)), int(match.group(2)))

    def clean(self):
        data = super().clean()
        if data.get("on") and data.get("time"):
            data["at"] = timezone.make_aware(dt.datetime.combine(data["on"], data["time"]))
        return data


class PlaceMixin:
    """Choices of the force's stores for the store fields."""

    def set_stores(self, stores, *fields):
        self.stores = {str(store.pk): store for store in stores}
        for name in fields:
            self.fields[name].choices = [("", _("Not in a store"))] + [(k, s.name) for k, s in self.stores.items()]

    def store(self, name):
        return self.stores.get(self.cleaned_data.get(name) or "")


def _store_field(label):
    return forms.ChoiceField(label=label, required=False, error_messages=_choose(_("Choose one of the stores listed")))


def _place_field(label, help_text):
    return forms.CharField(label=label, help_text=help_text, required=False, max_length=200,
                           error_messages={"max_length": _("The place must be 200 characters or fewer")})


def _note_field():
    return forms.CharField(label=_("Note (optional)"), required=False, max_length=1000, widget=forms.Textarea,
                           error_messages={"max_length": _("The note must be 1,000 characters or fewer")})


class SeizeForm(PlaceMixin, WhenForm):
    field_order = ("exhibit_reference", "description", "reason", "owner", "owner_name", "owner_contact",
                   "photographs_allowed", "taken_from", "on", "time", "to_store", "to_place", "review_on", "note")
    exhibit_reference = forms.CharField(
        label=_("Exhibit reference"), help_text=_("Your initials and a number, for example OP/1"), max_length=30,
        error_messages={"required": _("Enter the exhibit reference"),
                        "max_length": _("The exhibit reference must be 30 characters or fewer")})
    description = forms.CharField(
        label=_("Description of the item"), max_length=1000, widget=forms.Textarea,
        error_messages={"required": _("Enter a description of the item"),
                        "max_length": _("The description must be 1,000 characters or fewer")})
    owner = forms.ChoiceField(
        label=_("Who owns it?"), widget=forms.RadioSelect,
        choices=[("victim", _("The victim")), ("other", _("Someone else"))],
        error_messages=_choose(_("Select who owns the item")))
    owner_name = forms.CharField(label=_("Owner's name"), help_text=_("Needed if someone else owns it."),
                                 required=False, max_length=200,
                                 error_messages={"max_length": _("The name must be 200 characters or fewer")})
    owner_contact = forms.CharField(
        label=_("Owner's contact details (optional)"), help_text=_("For the victim, their phone or email is used."),
        required=False, max_length=300,
        error_messages={"max_length": _("The contact details must be 300 characters or fewer")})
    reason = forms.ChoiceField(label=_("Why was it taken?"), widget=forms.RadioSelect, choices=Reason.choices,
                               error_messages=_choose(_("Select why the item was taken")))
    photographs_allowed = forms.ChoiceField(
        label=_("May a photograph or copy be kept instead of the original?"), widget=forms.RadioSelect,
        choices=YES_NO, help_text=_("So that the original can go back to its owner early."),
        error_messages=_choose(_("Select whether a photograph or copy may be kept instead")))
    taken_from = forms.CharField(label=_("Where was it taken from?"), max_length=200,
                                 error_messages={"required": _("Enter where the item was taken from"),
                                                 "max_length": _("The place must be 200 characters or fewer")})
    to_store = _store_field(_("Which store is it in?"))
    to_place = _place_field(_("Where is it?"), _("The place in the store (for example, Shelf B3) or, if it is not "
                                                 "in a store, where it is (for example, With the officer)."))
    review_on = GovukDateField(name=_("the review date"), label=_("Review date"), past=False,
                               help_text=_("When to check the item is still needed. For example, 27 3 2026"))
    note = _note_field()

    def __init__(self, *args, stores=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.set_stores(stores, "to_store")
        self.fields["on"].label = _("When was it taken?")
        if not self.is_bound:
            self.initial.setdefault("to_place", _("With the officer"))

    def clean(self):
        data = super().clean()
        if data.get("owner") == "other" and not (data.get("owner_name") or "").strip():
            self.add_error("owner_name", _("Enter the owner's name"))
        if not data.get("to_store") and not (data.get("to_place") or "").strip():
            self.add_error("to_place", _("Enter where the item is"))
        return data


class MovementForm(PlaceMixin, WhenForm):
    field_order = ("movement", "on", "time", "from_store", "from_place", "to_store", "to_place", "note")
    movement = forms.ChoiceField(
        label=_("What happened?"), widget=forms.RadioSelect,
        choices=[(value, Movement(value).label) for value in ORDINARY_MOVEMENTS],
        error_messages=_choose(_("Select the movement")))
    from_store = _store_field(_("From which store?"))
    from_place = _place_field(_("From where?"), _("Where the item was: the place in the store, or where it was if "
                                                  "not in a store. It must be where the last movement left it."))
    to_store = _store_field(_("To which store?"))
    to_place = _place_field(_("To where?"), _("The place in the store, or where it went if not to a store (for "
                                              "example, Forensic laboratory)."))
    note = _note_field()

    def __init__(self, *args, stores=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.set_stores(stores, "from_store", "to_store")
        self.fields["on"].label = _("When did it happen?")

    def clean(self):
        data = super().clean()
        if not data.get("to_store") and not (data.get("to_place") or "").strip():
            self.add_error("to_place", _("Enter where the item went"))
        return data


class ReviewForm(SubmittedOnceForm):
    next_review = GovukDateField(name=_("the next review date"), label=_("Next review date"), past=False,
                                 help_text=_("The item is still needed. For example, 27 3 2026"))
    note = _note_field()


class NoLongerNeededForm(SubmittedOnceForm):
    kept_instead = forms.ChoiceField(label=_("Is anything kept instead of the original?"), widget=forms.RadioSelect,
                                     required=False, error_messages=_choose(_("Select what is kept instead")))
    note = _note_field()

    def __init__(self, *args, photographs_allowed=False, **kwargs):
        super().__init__(*args, **kwargs)
        choices = KeptInstead.choices if photographs_allowed else [c for c in KeptInstead.choices if not c[0]]
        self.fields["kept_instead"].choices = [(value or "none", label) for value, label in choices]
        self.initial.setdefault("kept_instead", "none")

    def clean_kept_instead(self):
        value = self.cleaned_data.get("kept_instead")
        return "" if value in ("", "none", None) else value


class OwnerToldForm(WhenForm):
    field_order = ("how", "on", "time")
    how = forms.CharField(label=_("How was the owner told?"), help_text=_("For example, by phone, or letter sent"),
                          max_length=200, error_messages={"required": _("Enter how the owner was told"),
                                                          "max_length": _("This must be 200 characters or fewer")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].label = _("When was the owner told?")


class ArrangeReturnForm(SubmittedOnceForm):
    return_on = GovukDateField(name=_("the return date"), label=_("Return date"), past=False,
                               help_text=_("For example, 27 3 2026"))
    place = forms.CharField(label=_("Where will it be returned?"), max_length=200,
                            help_text=_("For example, Newport Central front counter"),
                            error_messages={"required": _("Enter where the item will be returned"),
                                            "max_length": _("The place must be 200 characters or fewer")})
    note = _note_field()


class NoteForm(SubmittedOnceForm):
    note = _note_field()
