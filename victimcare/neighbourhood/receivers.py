"""Every new report reaches the neighbourhood team of its area the moment it is recorded."""

from victimcare.neighbourhood.services import notify_team


def tell_the_neighbourhood_team(sender, *, case, at, **kwargs) -> None:
    notify_team(case, at=at)
