"""Response headers Django's SecurityMiddleware does not set: Permissions-Policy (settings.PERMISSIONS_POLICY,
features mapped to the origins allowed them; an empty list switches the feature off) and
Cross-Origin-Resource-Policy (nothing here is meant to be embedded by another site)."""

from django.conf import settings


def permissions_policy(policy: dict[str, list[str]]) -> str:
    return ", ".join(f"{feature}=({' '.join(origins)})" for feature, origins in policy.items())


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = permissions_policy(settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        if self.permissions_policy:
            response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response
