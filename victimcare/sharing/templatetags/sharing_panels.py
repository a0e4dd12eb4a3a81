"""The sharing panel on the case page: the victim's current consent choices, and what was shared with whom.
Two queries whatever the data: the victim's consent records (shared with the support panel:
cases.page_reads), and the case's disclosures."""

from django import template

from victimcare.cases.page_reads import may_have_rows, victim_consent_records
from victimcare.organisations.models import Organisation
from victimcare.sharing.models import ConsentRecord, Disclosure, SharedItem

register = template.Library()


@register.filter
def kind_label(kind: str) -> str:
    try:
        return str(Organisation.Kind(kind).label)
    except ValueError:
        return kind or ""


def current_choices(records) -> list[ConsentRecord]:
    """The latest record in each scope (purpose, organisation, kind), from records newest first."""
    seen, latest = set(), []
    for record in records:
        scope = (record.purpose, record.organisation_id, record.organisation_kind)
        if scope not in seen:
            seen.add(scope)
            latest.append(record)
    return latest


def item_labels(items) -> list[str]:
    labels = dict(SharedItem.choices)
    return [labels[item] for item in SharedItem.values if item in items]


@register.inclusion_tag("sharing/case_panel.html", takes_context=True)
def sharing_panel(context, case, may_act):
    """`may_act`: the case is open and the user may change it (share, record consent). On a closed case the
    unit may still record a consent choice and stop sharing: a victim can withdraw consent at any time."""
    from victimcare.cases.access import may_change_case

    request = context.get("request")
    may_change = request is not None and may_change_case(request.user, case)
    records = victim_consent_records(case)
    disclosures = list(Disclosure.objects.filter(case=case).select_related("organisation").order_by(
        "-requested_at", "-id")) if may_have_rows(case, "sharing.Disclosure") else []
    for disclosure in disclosures:
        disclosure.item_labels = item_labels(disclosure.items)
    return {"case": case, "may_act": may_act, "may_change": may_change, "choices": current_choices(records),
            "disclosures": disclosures}
