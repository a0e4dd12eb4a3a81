"""What the notifications app sets up for the access matrix: a letter to the shared case's victim."""

from victimcare.notifications.models import Message


def make(case, personas) -> dict:
    letter = Message.objects.create(
        kind="acknowledgement", case=case, victim=case.victim, channel="letter", language="en",
        to=f"{case.victim.full_name}\n1 High Street\nNewport\nNP20 1AA", subject="Your report",
        body="Thank you for telling us what happened.",
    )
    return {"letter": letter}
