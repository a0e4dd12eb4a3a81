"""Who may use the data protection pages: the force's information rights officer, for the victims whose cases
belong to the units within the organisations they hold that role in. Anyone else gets 404, as for any page
that is not theirs; a victim or request outside their force is 404 too."""

from django.http import Http404

from victimcare.accounts.roles import Role, organisations_with_role
from victimcare.cases.access import units_within
from victimcare.dataprotection.models import RetentionReview, SubjectAccessRequest
from victimcare.victims.models import Victim


def information_rights_units(user) -> frozenset[int]:
    cached = getattr(user, "_information_rights_units", None)
    if cached is None:
        held = organisations_with_role(user, Role.INFORMATION_RIGHTS) if user.is_authenticated else frozenset()
        cached = units_within(held) if held else frozenset()
        user._information_rights_units = cached
    return cached


def require_information_rights(user) -> frozenset[int]:
    units = information_rights_units(user)
    if not units:
        raise Http404("No such page")
    return units


def visible_victims(user):
    return Victim.objects.filter(cases__unit_id__in=require_information_rights(user)).distinct()


def get_victim(user, victim_id) -> Victim:
    try:
        return visible_victims(user).get(pk=victim_id)
    except (Victim.DoesNotExist, ValueError, TypeError):
        raise Http404("No such victim") from None


def get_request(user, request_id) -> SubjectAccessRequest:
    try:
        return (SubjectAccessRequest.objects.select_related("victim", "recorded_by")
                .get(pk=request_id, victim__in=visible_victims(user)))
    except (SubjectAccessRequest.DoesNotExist, ValueError, TypeError):
        raise Http404("No such request") from None


def visible_reviews(user):
    return RetentionReview.objects.filter(case__unit_id__in=require_information_rights(user))


def get_review(user, review_id) -> RetentionReview:
    try:
        return visible_reviews(user).select_related("case__crime", "case__unit", "case__victim").get(pk=review_id)
    except (RetentionReview.DoesNotExist, ValueError, TypeError):
        raise Http404("No such review") from None
