"""Signals of the outbox.

`message_sent(sender=Message, message=..., at=...)` is sent once a message has been handed to its channel and
marked sent, inside the same transaction (in a savepoint: a receiver that fails is logged and rolled back
without undoing the send). Apps use it to meet a commitment when their message actually goes."""

from django.dispatch import Signal

message_sent = Signal()
