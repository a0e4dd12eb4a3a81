"""What a partner organisation may see of a case: exactly what disclosures in force gave it."""

from victimcare.sharing.models import Disclosure


def shared_case_ids(organisation_ids) -> set[int]:
    """Cases with any disclosure in force to these organisations."""
    return set(Disclosure.objects.in_force().for_organisations(organisation_ids).values_list("case_id", flat=True))


def items_shared(case, organisation_ids) -> set[str]:
    """The union of what disclosures in force have shared of `case` with these organisations."""
    shared: set[str] = set()
    for items in Disclosure.objects.in_force().for_organisations(organisation_ids).filter(case=case).values_list(
            "items", flat=True):
        shared.update(items)
    return shared


def receiving_organisation_ids(user) -> frozenset[int]:
    """The organisations a user reads shared cases for: those they belong to outside the police (a partner
    agency, a victims' service, a neighbourhood team). A police role gives nothing here: police users see
    cases through their units, never through a disclosure."""
    from victimcare.accounts.roles import Role, organisations_with_role

    return organisations_with_role(user, Role.PARTNER, Role.CASEWORKER, Role.NEIGHBOURHOOD)
