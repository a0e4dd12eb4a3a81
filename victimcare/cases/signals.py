"""Signals other domain areas listen to, so that cases need not know about them.

Receivers run inside the transaction that sent the signal: what they write lands (or rolls back) with it.
"""

from django.dispatch import Signal

# A report was recorded at first contact: the case, its crime (with location resolved) and the
# first-contact assessment exist. Sent with: case, assessment, actor, at, channel.
report_recorded = Signal()
