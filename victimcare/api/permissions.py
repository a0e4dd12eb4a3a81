from rest_framework.exceptions import NotFound
from rest_framework.permissions import BasePermission

from victimcare.accounts.roles import sees_figures_only
from victimcare.cases.access import may_change_case


class NotFiguresOnly(BasePermission):
    """The Commissioner's analyst sees figures, never a case: every endpoint is a 404 to a user whose only
    role is figures-only, signed in by token or session (as accounts/middleware.py does for the web)."""

    def has_permission(self, request, view) -> bool:
        if sees_figures_only(request.user):
            raise NotFound
        return True


class MayChangeCase(BasePermission):
    """Officers and supervisors of the case's unit may change it. Anyone else who can see it (a call
    handler who recorded it) gets 403; anyone who cannot see it got 404 before this was asked."""

    message = "Only an officer or supervisor of the case's unit may change it."

    def has_object_permission(self, request, view, obj) -> bool:
        return may_change_case(request.user, obj)
