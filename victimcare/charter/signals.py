"""Signals other domain areas listen to when a commitment changes.

Receivers run inside the transaction that changed the commitment, so what they write (the Commissioner's
figures, for one) lands or rolls back with the change.
"""

from django.dispatch import Signal

# Commitments were opened, met, waived, missed, re-planned or recorded overdue: one, or several changed in the same
# way at once (the overdue sweep records a batch). Sent with: commitments, a list.
commitments_changed = Signal()
