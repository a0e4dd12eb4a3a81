"""Forms for the worklists: the team view's filters and the reassignment of a case."""

from django import forms
from django.utils.translation import gettext_lazy as _

from victimcare.accounts.models import User
from victimcare.cases.forms import SubmittedOnceForm
from victimcare.organisations.models import Membership, Organisation

DEFAULT_DAYS = 2
MAX_DAYS = 28

BY_OFFICER = "officer"
BY_DUE = "due"


class TeamFilterForm(forms.Form):
    """Which commitments the team view shows. A value we do not recognise is ignored, with a message."""

    unit = forms.ChoiceField(
        label=_("Unit"), required=False, error_messages={"invalid_choice": _("Choose one of your units")}
    )
    days = forms.IntegerField(
        label=_("Due in the next (days)"), required=False, min_value=0, max_value=MAX_DAYS,
        error_messages={
            "invalid": _("Enter a whole number of days"),
            "min_value": _("Enter a whole number of days from 0 to 28"),
            "max_value": _("Enter a whole number of days from 0 to 28"),
        },
    )
    sort = forms.ChoiceField(
        label=_("Sort by"), required=False,
        choices=[(BY_OFFICER, _("Officer")), (BY_DUE, _("Due time, soonest first"))],
        error_messages={"invalid_choice": _("Choose one of the options listed")},
    )

    def __init__(self, *args, units: list[Organisation], **kwargs):
        super().__init__(*args, **kwargs)
        self.units = units
        self.fields["unit"].choices = [("", _("All your units")), *((str(u.pk), u.name) for u in units)]

    def ignored(self) -> list[tuple[str, str]]:
        """(field label, error) for each filter that will be ignored. Call after is_valid()."""
        return [(str(self.fields[name].label), str(errors[0])) for name, errors in self.errors.items()]

    @property
    def chosen_units(self) -> list[int]:
        chosen = self.cleaned_data.get("unit") if "unit" not in self.errors else ""
        return [int(chosen)] if chosen else [unit.pk for unit in self.units]

    @property
    def due_within_days(self) -> int:
        days = self.cleaned_data.get("days") if "days" not in self.errors else None
        return DEFAULT_DAYS if days is None else days

    @property
    def sort_order(self) -> str:
        return (self.cleaned_data.get("sort") if "sort" not in self.errors else "") or BY_OFFICER


def unit_officers(unit) -> list[User]:
    """The people who hold the officer role in `unit`, by name."""
    return list(
        User.objects.filter(memberships__organisation=unit, memberships__role=Membership.Role.OFFICER)
        .distinct().order_by("first_name", "last_name", "pk")
    )


class _OfficerField(forms.ChoiceField):
    """Offers the unit's other officers, and also accepts the officer already in charge, so that the
    same form sent twice (the second time, the case is already theirs) succeeds and changes nothing."""

    accepted: frozenset[str] = frozenset()

    def valid_value(self, value) -> bool:
        return str(value) in self.accepted


class ReassignForm(SubmittedOnceForm):
    officer = _OfficerField(
        label=_("Who should be the officer in charge?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the officer to give the case to"),
                        "invalid_choice": _("Select the officer to give the case to")},
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.officers = {str(user.pk): user for user in unit_officers(case.unit)}
        self.fields["officer"].choices = [(pk, str(user)) for pk, user in self.officers.items()
                                          if user.pk != case.officer_id]
        self.fields["officer"].accepted = frozenset(self.officers)

    @property
    def chosen_officer(self) -> User:
        return self.officers[self.cleaned_data["officer"]]
