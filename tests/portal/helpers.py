"""Test helpers for the victim portal."""


def sign_in_to_portal(client, case) -> None:
    """Put a portal session for `case`'s victim in the test client, as if they had signed in with their
    crime reference, surname, date of birth and the one-time code. (Filled in with the portal.)"""
