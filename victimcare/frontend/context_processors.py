from django.urls import reverse

from victimcare.accounts.roles import FIGURES_ONLY_ROLES, POLICE_ROLES, roles_by_organisation


def navigation(request):
    """The language to switch to, where the switch sends the user back to, and the roles the user
    holds (which navigation links they get)."""
    current = getattr(request, "LANGUAGE_CODE", "en")
    user = getattr(request, "user", None)
    roles = frozenset(roles_by_organisation(user)) if user is not None else frozenset()
    return {
        "other_language": "en" if current == "cy" else "cy",
        "language_switch_next": request.get_full_path() if request else reverse("home"),
        "user_roles": roles,
        "user_is_police": bool(roles & POLICE_ROLES),
        # The Commissioner's analyst: the navigation shows only the dashboards.
        "user_sees_figures_only": bool(roles) and roles <= FIGURES_ONLY_ROLES,
    }
