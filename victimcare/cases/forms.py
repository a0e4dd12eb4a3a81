"""Forms for the staff screens: the case-list filters and the two actions on a case."""

import uuid

from django import forms
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from victimcare.areas.models import LocalAuthority
from victimcare.cases.models import Case
from victimcare.charter.rules import CommitmentKind, KeyDecision
from victimcare.crimes.offences import CATEGORIES

_ANY_YES_NO = [("", _("Any")), ("yes", _("Yes")), ("no", _("No"))]
_NOT_RECOGNISED = _("Choose one of the options listed")


class CaseFilterForm(forms.Form):
    """Filters for the case list. Every field is optional; a value we do not recognise is an error
    on that field only, and the list view ignores that one filter."""

    q = forms.CharField(
        label=_("Crime reference or victim surname"), required=False, max_length=100,
        error_messages={"max_length": _("Search must be 100 characters or fewer")},
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *Case.Status.choices],
        error_messages={"invalid_choice": _NOT_RECOGNISED},
    )
    category = forms.ChoiceField(
        label=_("Category"), required=False, error_messages={"invalid_choice": _NOT_RECOGNISED}
    )
    local_authority = forms.ChoiceField(
        label=_("Local authority"), required=False, error_messages={"invalid_choice": _NOT_RECOGNISED}
    )
    enhanced = forms.ChoiceField(
        label=_("Enhanced rights"), required=False, choices=_ANY_YES_NO,
        error_messages={"invalid_choice": _NOT_RECOGNISED},
    )
    overdue = forms.ChoiceField(
        label=_("Has overdue commitments"), required=False, choices=_ANY_YES_NO,
        error_messages={"invalid_choice": _NOT_RECOGNISED},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        language = get_language() or "en"
        categories = sorted(
            ((c.slug, c.name_cy if language == "cy" else c.police_uk_name) for c in CATEGORIES.values()),
            key=lambda choice: choice[1],
        )
        self.fields["category"].choices = [("", _("Any category")), *categories]
        authorities = [(la.code, la.name) for la in LocalAuthority.objects.order_by("name_en")]
        self.fields["local_authority"].choices = [("", _("Any local authority")), *authorities]

    def ignored(self) -> list[tuple[str, str]]:
        """(field label, error) for each filter that will be ignored. Call after is_valid()."""
        return [(str(self.fields[name].label), str(errors[0])) for name, errors in self.errors.items()]

    def is_filtered(self) -> bool:
        return any(self.cleaned_data.get(name) for name in self.fields)

    def filter(self, queryset):
        """Apply the filters that are valid. `queryset` must be annotated with overdue_count."""
        data = self.cleaned_data
        if data.get("status"):
            queryset = queryset.filter(status=data["status"])
        if data.get("category"):
            queryset = queryset.filter(crime__category=data["category"])
        if data.get("local_authority"):
            queryset = queryset.filter(crime__local_authority_id=data["local_authority"])
        if data.get("enhanced"):
            queryset = queryset.filter(enhanced_rights=data["enhanced"] == "yes")
        if data.get("overdue") == "yes":
            queryset = queryset.filter(overdue_count__gt=0)
        elif data.get("overdue") == "no":
            queryset = queryset.filter(overdue_count=0)
        if data.get("q"):
            term = data["q"].strip()
            queryset = queryset.filter(Q(crime__reference__icontains=term) | Q(victim__family_name__istartswith=term))
        return queryset


class SubmittedOnceForm(forms.Form):
    """Carries a key made when the page is shown, so the same page sent twice (a double click, a
    browser retry) is recognised by the case services and recorded only once."""

    submission_id = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4, required=False)

    @property
    def idempotency_key(self) -> str | None:
        submission_id = self.cleaned_data.get("submission_id")
        return str(submission_id) if submission_id else None


class KeyDecisionForm(SubmittedOnceForm):
    decision = forms.ChoiceField(
        label=_("What was decided?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the investigation decision"),
                        "invalid_choice": _("Select the investigation decision")},
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        help_text=_("For example, the reason for the decision. The victim may be told what you write here."),
        required=False,
        max_length=1000,
        widget=forms.Textarea,
        error_messages={"max_length": _("Note must be 1,000 characters or fewer")},
    )

    tell_victim = forms.CharField(
        label=_("What will you tell the victim?"),
        help_text=_("Write it as you will say it to them, in plain words."),
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"required": _("Enter what you will tell the victim"),
                        "max_length": _("What you will tell the victim must be 2,000 characters or fewer")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        language = get_language() or "en"
        self.fields["decision"].choices = [(d.value, d.label(language)) for d in KeyDecision]

    @property
    def key_decision(self) -> KeyDecision:
        return KeyDecision(self.cleaned_data["decision"])


HOW_TOLD = [
    ("phone", _("By phone")),
    ("in_person", _("In person")),
    ("video_call", _("By video call")),
    ("email", _("By email")),
    ("letter", _("By letter")),
    ("text_message", _("By text message")),
]


class VictimInformedForm(SubmittedOnceForm):
    how = forms.ChoiceField(
        label=_("How was the victim told?"),
        choices=HOW_TOLD,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how the victim was told"),
                        "invalid_choice": _("Select how the victim was told")},
    )


class CaseOutcome(models.TextChoices):
    """How a case ended, as the officer closing it records it."""

    CHARGED = "charged", _("Charged or summonsed")
    CAUTION = "caution", _("Caution")
    COMMUNITY_RESOLUTION = "community_resolution", _("Community resolution")
    NFA_EVIDENTIAL = "nfa_evidential", _("No further action: evidential difficulties")
    NFA_VICTIM = "nfa_victim_does_not_support", _("No further action: the victim does not support action")
    NOT_PUBLIC_INTEREST = "not_public_interest", _("Not in the public interest")
    NO_SUSPECT = "no_suspect", _("No suspect identified")
    OTHER = "other", _("Other")


WAIVE, MISS = "waive", "miss"


class CloseCaseForm(SubmittedOnceForm):
    """The outcome, and for each commitment still open whether to waive it (with a reason) or record it
    as missed. Fields per commitment: end_<id> and reason_<id>."""

    outcome = forms.ChoiceField(
        label=_("What was the outcome?"),
        choices=CaseOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the outcome"), "invalid_choice": _("Select the outcome")},
    )

    def __init__(self, *args, commitments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.commitments = list(commitments)
        language = get_language() or "en"
        for commitment in self.commitments:
            what = _("%(what)s, due %(due)s") % {
                "what": CommitmentKind(commitment.kind).label(language),
                "due": date_format(timezone.localtime(commitment.due_at), "j F Y, H:i")}
            self.fields[f"end_{commitment.pk}"] = forms.ChoiceField(
                label=what,
                choices=[(WAIVE, _("Waive it, with a reason")), (MISS, _("Record it as missed"))],
                widget=forms.RadioSelect,
                error_messages={"required": _("Select what happens to: %(what)s") % {"what": what},
                                "invalid_choice": _("Select what happens to: %(what)s") % {"what": what}},
            )
            self.fields[f"reason_{commitment.pk}"] = forms.CharField(
                label=_("Why is it waived?"), help_text=_("Only needed if you waive it."),
                required=False, max_length=500, widget=forms.Textarea,
                error_messages={"max_length": _("The reason must be 500 characters or fewer")},
            )

    def rows(self):
        """(commitment, its choice field, its reason field), for the template."""
        return [(c, self[f"end_{c.pk}"], self[f"reason_{c.pk}"]) for c in self.commitments]

    def clean(self):
        data = super().clean()
        for commitment in self.commitments:
            if data.get(f"end_{commitment.pk}") == WAIVE and not data.get(f"reason_{commitment.pk}"):
                what = self.fields[f"end_{commitment.pk}"].label
                self.add_error(f"reason_{commitment.pk}",
                               _("Enter why it is waived: %(what)s") % {"what": what})
        return data

    @property
    def waive(self) -> dict[int, str]:
        return {c.pk: self.cleaned_data[f"reason_{c.pk}"] for c in self.commitments
                if self.cleaned_data.get(f"end_{c.pk}") == WAIVE}
