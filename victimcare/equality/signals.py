"""Sent inside the transaction that recorded a victim's equality answers, with `victim=`: monitoring
recounts that victim's groups (and rolls back with the answers). Receivers get no answers, only the victim,
and read what they need."""

from django.dispatch import Signal

equality_recorded = Signal()
