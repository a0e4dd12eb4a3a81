"""Who sees the Commissioner's figures: the Commissioner's analysts, and no one else (least privilege; a
supervisor's view of their own units' figures is not built). Anyone else signed in gets 404, as for any
page that is not theirs; anyone not signed in is sent to sign in."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404

from victimcare.accounts.roles import Role, has_role


def may_see_figures(user) -> bool:
    return has_role(user, Role.ANALYST)


def analyst_only(view):
    @login_required
    @wraps(view)
    def checked(request, *args, **kwargs):
        if not may_see_figures(request.user):
            raise Http404("No such page")
        return view(request, *args, **kwargs)

    return checked
