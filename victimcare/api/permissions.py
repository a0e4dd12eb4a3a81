from rest_framework.permissions import BasePermission

from victimcare.cases.access import may_change_case


class MayChangeCase(BasePermission):
    """Officers and supervisors of the case's unit may change it. Anyone else who can see it (a call
    handler who recorded it) gets 403; anyone who cannot see it got 404 before this was asked."""

    message = "Only an officer or supervisor of the case's unit may change it."

    def has_object_permission(self, request, view, obj) -> bool:
        return may_change_case(request.user, obj)
