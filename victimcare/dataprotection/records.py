"""Every record about a victim and their cases, found by walking Django's model relations, so that a table
added anywhere is exported and erased without anyone remembering to list it here.

From the roots (the victim and their cases, or one case) the walk follows every foreign key and one-to-one
field that points at a model already reached, model after model, until nothing new is found. A model is left
out only when it is named in EXCLUDED with the reason (tests/dataprotection/test_records.py fails for a model
related to a victim or a case that is neither reached nor excluded)."""

from collections import defaultdict

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _

from victimcare.cases.models import Case
from victimcare.victims.models import Victim

# Models related to a victim or a case that are neither exported nor erased, and why.
EXCLUDED: dict[str, str] = {
    "monitoring.CommitmentFact": "the Commissioner's figures: what each commitment counted as (kind, month, area, "
                                 "groups), with no personal detail; kept so the figures keep their counts",
    "monitoring.SurveyFact": "the Commissioner's figures: what each survey answer counted as, with no personal "
                             "detail; kept so the figures keep their counts",
    "charter.OverdueAlert": "a reminder to staff that a commitment went overdue: holds nothing about the victim "
                            "that the commitment does not",
}

# Tables exported in full that the law may let the force withhold (in whole or in part) from the person asking:
# the Data Protection Act 2018 s.45(4) (law enforcement: to avoid prejudicing the prevention, detection or
# prosecution of crime, to protect the rights of others). Everything is in the export; these are marked for
# the information rights officer to review before anything is sent.
MAY_BE_WITHHELD: dict[str, object] = {
    "firstcontact.FirstContactAssessment": _("risk assessment (DASH, THRIVE, vulnerability): police internal "
                                             "assessment"),
    "multiagency.MultiAgencyReferral": _("multi-agency (MARAC) referral: information from and about others"),
    "multiagency.AgendaItem": _("multi-agency meeting agenda: information from and about others"),
    "multiagency.Action": _("multi-agency actions: may concern others"),
    "sharing.Disclosure": _("disclosures to other organisations, with any safeguarding justification"),
    "court.Defendant": _("the defendant's personal data: not the victim's"),
    "cases.CaseAccessLog": _("who read and changed the record: staff names"),
    "neighbourhood.LocalAction": _("neighbourhood team's local action notes: policing tactics"),
}

# Forward relations followed from a case as well (the case's crime: one per case, and about it).
FORWARD = ((Case, "crime"),)


def label(model) -> str:
    return model._meta.label


def _relations_to(model) -> list[models.Field]:
    """The concrete foreign keys and one-to-one fields of other models pointing at `model` (found on the
    other models, so that a relation with no reverse accessor, related_name="+", counts too)."""
    return [field for other in apps.get_models() for field in other._meta.concrete_fields
            if field.is_relation and field.related_model is model and other is not model]


def reachable_models() -> list:
    """Every model the walk can reach from Victim, in the order reached (parents before children)."""
    found = [Victim]
    for model in found:
        for relation in _relations_to(model):
            child = relation.model
            if child not in found and label(child) not in EXCLUDED:
                found.append(child)
        for parent, name in FORWARD:
            if model is parent:
                target = parent._meta.get_field(name).related_model
                if target not in found:
                    found.append(target)
    return found


def collect(victim_ids=(), case_ids=()) -> dict:
    """{model: set of pks} of every record about the given victims and cases. A crime is reached through its
    cases only (never its other victims' cases); a case reaches its victim only when the victim is a root."""
    found: dict = defaultdict(set)
    found[Victim] |= set(victim_ids)
    if victim_ids:
        found[Case] |= set(Case.objects.filter(victim_id__in=victim_ids).values_list("pk", flat=True))
    found[Case] |= set(case_ids)
    order = reachable_models()
    changed = True
    while changed:
        changed = False
        for model in order:
            if model in (Victim, Case):
                continue
            condition = models.Q()
            for field in model._meta.concrete_fields:
                target = field.related_model if field.is_relation else None
                if target in order and target is not model and found.get(target) and (
                        target is not Victim or victim_ids) and not _is_forward_only(model, field):
                    condition |= models.Q(**{f"{field.name}__in": found[target]})
            for parent, name in FORWARD:
                if model is parent._meta.get_field(name).related_model and found.get(parent):
                    condition |= models.Q(pk__in=parent._base_manager.filter(pk__in=found[parent])
                                          .values_list(f"{name}_id", flat=True))
            if not condition:
                continue
            pks = set(model._base_manager.filter(condition).values_list("pk", flat=True))
            if not pks <= found[model]:
                found[model] |= pks
                changed = True
    return {model: found[model] for model in order if found.get(model)}


def _is_forward_only(model, field) -> bool:
    """A crime's timeline and other cases are not reached from the crime: only from the case itself."""
    return field.related_model is not None and any(field.related_model is parent._meta.get_field(name).related_model
                                                   for parent, name in FORWARD)


def related_to_victim_or_case() -> set[str]:
    """Every model with a foreign key or one-to-one field to Victim, Case, or a model reachable from them
    (so the completeness test can say which are neither exported nor excluded)."""
    reached = reachable_models()
    related = set()
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model in reached and field.related_model not in (
                    parent._meta.get_field(name).related_model for parent, name in FORWARD):
                related.add(label(model))
    return related


def unaccounted() -> list[str]:
    """Models related to a victim or a case (or to a record about them) that the walk does not reach and
    EXCLUDED does not name: each must be exported or left out with a reason."""
    exported = {label(model) for model in reachable_models()}
    return sorted(related_to_victim_or_case() - exported - set(EXCLUDED))
