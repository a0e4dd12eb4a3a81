"""Signals other domain areas listen to when a commitment changes.

Receivers run inside the transaction that changed the commitment, so what they write (the Commissioner's
figures, for one) lands or rolls back with the change.
"""

from django.dispatch import Signal

# A commitment was opened, met, waived, missed, re-planned or recorded overdue. Sent with: commitment.
commitment_changed = Signal()

# Several commitments changed at once, in the same way (the overdue sweep records a batch). Sent with: commitments.
commitments_changed = Signal()
