"""Forms for the response pages. Each carries a submission key, so a page sent twice is recorded once."""

from django import forms
from django.utils.translation import gettext_lazy as _

from victimcare.accounts.models import User
from victimcare.cases.forms import SubmittedOnceForm
from victimcare.organisations.models import Membership
from victimcare.response.grades import duration_text, grades


class DispatchForm(SubmittedOnceForm):
    officer = forms.ModelChoiceField(
        label=_("Which officer is being sent?"),
        queryset=User.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Select the officer being sent"),
                        "invalid_choice": _("Select the officer being sent")},
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = (
            User.objects.filter(memberships__organisation_id=case.unit_id, memberships__role=Membership.Role.OFFICER)
            .distinct().order_by("last_name", "first_name", "pk")
        )
        self.fields["officer"].label_from_instance = lambda user: user.get_full_name() or user.username


class AttendanceForm(SubmittedOnceForm):
    pass


class DeclinedForm(SubmittedOnceForm):
    reason = forms.CharField(
        label=_("What did the victim say? (optional)"),
        help_text=_("For example, they would rather talk on the phone."),
        required=False,
        max_length=1000,
        widget=forms.Textarea,
        error_messages={"max_length": _("What the victim said must be 1,000 characters or fewer")},
    )


class RegradeForm(SubmittedOnceForm):
    grade = forms.TypedChoiceField(
        label=_("What is the new grade?"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the new grade"), "invalid_choice": _("Select the new grade")},
    )
    rationale = forms.CharField(
        label=_("Why is the response being re-graded?"),
        help_text=_("For example, what has changed since the last grade (THRIVE)."),
        max_length=1000,
        widget=forms.Textarea,
        error_messages={"required": _("Enter why the response is being re-graded"),
                        "max_length": _("The reason must be 1,000 characters or fewer")},
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grade"].choices = [
            (g.number, _("Grade %(number)s: %(name)s, within %(target)s") % {
                "number": g.number, "name": g.name(), "target": duration_text(g.target_for(case.location_is_rural))})
            for g in grades()
        ]
