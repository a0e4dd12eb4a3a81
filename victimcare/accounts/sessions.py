"""How long a staff session lasts: SESSION_IDLE_MINUTES without a request, and SESSION_COOKIE_AGE seconds from
signing in at most. The times are kept in the session itself (written at sign-in, and the last-seen time at most
once a minute, so most requests write nothing). Every session of a user can be ended at once by raising the
user's sessions generation, which is part of the hash Django keeps in each session (accounts.models.User)."""

from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.auth.signals import user_logged_in
from django.db.models import F
from django.dispatch import receiver
from django.utils import timezone

SIGNED_IN_AT, SEEN_AT = "staff_signed_in_at", "staff_seen_at"
IDLE, TOO_LONG = "idle", "too_long"
SEEN_EVERY_SECONDS = 60  # the last-seen time is written no more often than this


def _now() -> float:
    return timezone.now().timestamp()


@receiver(user_logged_in, dispatch_uid="victimcare.accounts.sessions.mark_signed_in")
def mark_signed_in(sender, request, user, **kwargs) -> None:
    now = _now()
    request.session[SIGNED_IN_AT] = now
    request.session[SEEN_AT] = now


def has_staff_user(session) -> bool:
    return SESSION_KEY in session


def absolute_hours() -> int:
    return round(settings.SESSION_COOKIE_AGE / 3600)


def check(session, now: float | None = None) -> str | None:
    """IDLE or TOO_LONG if the session has ended, else None (and the last-seen time is kept up to date)."""
    now = _now() if now is None else now
    signed_in, seen = session.get(SIGNED_IN_AT), session.get(SEEN_AT)
    if signed_in is None or seen is None:  # a session from before these times were kept: they start now
        session[SIGNED_IN_AT] = signed_in or now
        session[SEEN_AT] = now
        return None
    if now - signed_in > settings.SESSION_COOKIE_AGE:
        return TOO_LONG
    if now - seen > settings.SESSION_IDLE_MINUTES * 60:
        return IDLE
    if now - seen >= SEEN_EVERY_SECONDS:
        session[SEEN_AT] = now
    return None


def end_every_session(user) -> None:
    """Every session of the user ends at its next request (the sessions generation is in the session's hash)."""
    get_user_model().objects.filter(pk=user.pk).update(sessions_generation=F("sessions_generation") + 1)
