"""The support panel on the case page: the services given, the needs assessment, the victim's choice
about support and its history, and the referrals. A fixed number of queries (the directory match reads
the active directory once)."""

from django import template

from victimcare.cases.page_reads import may_have_rows, victim_consent_records
from victimcare.sharing.models import Purpose
from victimcare.support.matching import services_for

register = template.Library()


@register.inclusion_tag("support/case_panel.html", takes_context=True)
def support_panel(context, case, may_act):
    assessment = case.needs_assessments.select_related("recorded_by").order_by("-at", "-id").first()
    choices = [record for record in victim_consent_records(case) if record.purpose == Purpose.SUPPORT_REFERRAL
               and record.organisation_id is None and not record.organisation_kind][:20]
    referrals = (list(case.referrals.select_related("service").order_by("-sent_at", "-id"))
                 if may_have_rows(case, "support.Referral") else [])
    needs = assessment.needs if assessment else ()
    fitting = services_for(case, needs=needs) if case.status == case.Status.OPEN else []
    current = choices[0] if choices else None
    return {
        "case": case,
        "may_act": may_act and case.status == case.Status.OPEN,
        "assessment": assessment,
        "choices": choices,
        "current": current,
        "wants_support": current is not None and current.decision == "given",
        # Never asked (e.g. not safe to ask at first contact): the question is still to be asked.
        "to_ask": current is None and case.status == case.Status.OPEN,
        "referrals": referrals,
        "fitting": fitting[:5],
        "request": context.get("request"),
    }
