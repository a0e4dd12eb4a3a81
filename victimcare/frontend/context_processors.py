from django.urls import reverse

from victimcare.accounts.roles import roles_by_organisation
from victimcare.frontend.navigation import service_navigation


def navigation(request):
    """The language to switch to, where the switch sends the user back to, and the service navigation's links
    for the roles the user holds."""
    current = getattr(request, "LANGUAGE_CODE", "en")
    user = getattr(request, "user", None)
    roles = frozenset(roles_by_organisation(user)) if user is not None else frozenset()
    links, account_link = service_navigation(request, roles)
    return {
        "other_language": "en" if current == "cy" else "cy",
        "language_switch_next": request.get_full_path() if request else reverse("home"),
        "navigation_links": links,
        "account_link": account_link,
    }
