"""Sent once the transaction that recorded a victim's equality answers commits, with `victim=`: monitoring
recounts that victim's groups. Receivers get no answers, only the victim, and read what they need."""

from django.dispatch import Signal

equality_recorded = Signal()
