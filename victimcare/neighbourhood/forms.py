"""Forms for neighbourhood teams. Each error names its field in plain words."""

from django import forms
from django.utils.translation import gettext_lazy as _

from victimcare.cases.forms import SubmittedOnceForm


class AcknowledgeForm(SubmittedOnceForm):
    """Nothing to fill in: the button is the acknowledgement."""


class LocalActionForm(SubmittedOnceForm):
    text = forms.CharField(
        label=_("What local action was taken?"),
        help_text=_("For example, extra patrols on the street, a visit to neighbouring businesses, or a word with "
                    "the housing officer. Do not write the victim's name or contact details."),
        max_length=2000, widget=forms.Textarea,
        error_messages={"required": _("Enter the local action taken"),
                        "max_length": _("Local action must be 2,000 characters or fewer")},
    )


class SubscribeForm(forms.Form):
    team = forms.ChoiceField(
        label=_("Neighbourhood team"),
        error_messages={"required": _("Select a neighbourhood team"),
                        "invalid_choice": _("Select a neighbourhood team")},
    )

    def __init__(self, *args, teams=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.teams = {str(team.pk): team for team in teams}
        self.fields["team"].choices = [("", _("Choose a team"))] + [(pk, team.name) for pk, team in self.teams.items()]

    @property
    def chosen_team(self):
        return self.teams[self.cleaned_data["team"]]


class TeamWardsForm(forms.Form):
    wards = forms.MultipleChoiceField(
        label=_("Wards this team covers"), required=False, widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Select wards from the list")},
    )

    def __init__(self, *args, wards=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.ward_objects = {ward.pk: ward for ward in wards}
        self.fields["wards"].choices = [(ward.pk, ward.name) for ward in wards]

    @property
    def chosen_wards(self):
        return [self.ward_objects[code] for code in self.cleaned_data["wards"]]


class DefaultTeamsForm(forms.Form):
    """One select per local authority: the team told of incidents in wards no team covers."""

    def __init__(self, *args, local_authorities=(), teams=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.local_authorities = list(local_authorities)
        self.teams = {str(team.pk): team for team in teams}
        for authority in self.local_authorities:
            choices = [("", _("No default team"))] + [
                (str(team.pk), team.name) for team in teams if team.local_authority_id in (authority.pk, None)]
            self.fields[authority.pk] = forms.ChoiceField(
                label=authority.name, choices=choices, required=False,
                error_messages={"invalid_choice": _("Select a team of %(area)s") % {"area": authority.name}})

    def chosen(self):
        """[(local authority, team or None)]."""
        return [(authority, self.teams.get(self.cleaned_data.get(authority.pk) or ""))
                for authority in self.local_authorities]
