"""Test helpers for the victim portal."""

from django.utils import timezone

from victimcare.portal.views import CASE_KEY, SEEN_KEY


def sign_in_to_portal(client, case) -> None:
    """Put a portal session for `case`'s victim in the test client, as if they had signed in with their
    crime reference, surname, date of birth and the one-time code (tests/portal/test_sign_in.py does it the
    long way)."""
    session = client.session
    session[CASE_KEY] = case.pk
    session[SEEN_KEY] = timezone.now().timestamp()
    session.save()
