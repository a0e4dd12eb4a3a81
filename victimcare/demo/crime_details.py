"""What data.police.uk does not say about a crime and a victim's case needs: the finer offence, whether it
was domestic abuse or a hate crime, and when it happened and was reported. Drawn from a seeded random
source, with weights that look like real recorded crime."""

import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from victimcare.crimes.models import Crime

LONDON = ZoneInfo("Europe/London")

# category slug -> [(offence slug or "" for not recorded, weight)]
OFFENCE_WEIGHTS = {
    "violent-crime": [
        ("common-assault", 28), ("actual-bodily-harm", 14), ("wounding-without-intent", 5),
        ("wounding-with-intent", 3), ("harassment", 10), ("stalking", 5), ("coercive-control", 7),
        ("sexual-assault", 6), ("rape", 3), ("other-sexual-offence", 2), ("kidnap", 1), ("", 16),
    ],
    "criminal-damage-arson": [("criminal-damage", 85), ("arson-endangering-life", 5), ("", 10)],
    "burglary": [("burglary-home", 80), ("burglary-business", 20)],
    "robbery": [("robbery-personal", 1)],
    "vehicle-crime": [("theft-from-vehicle", 60), ("theft-of-vehicle", 40)],
    "other-crime": [("fraud", 1), ("", 1)],
}
DOMESTIC_ABUSE_SHARE = {
    "coercive-control": 1.0, "stalking": 0.5, "harassment": 0.35, "common-assault": 0.35,
    "actual-bodily-harm": 0.35, "rape": 0.4, "criminal-damage": 0.1,
}
HATE_CRIME_SHARE = {"public-order": 0.2, "common-assault": 0.05, "harassment": 0.1, "criminal-damage": 0.03}


def choose_offence(rng: random.Random, category: str) -> str:
    weighted = OFFENCE_WEIGHTS.get(category)
    if not weighted:
        return ""
    offences, weights = zip(*weighted, strict=True)
    return rng.choices(offences, weights=weights)[0]


def when_it_happened(rng: random.Random, crime: Crime) -> tuple[datetime, datetime]:
    """(occurred, reported): a day in the crime's month, reported a few minutes to hours later."""
    day = rng.randint(1, 28)
    occurred = datetime(crime.month.year, crime.month.month, day, rng.randint(0, 23), rng.randint(0, 59),
                        tzinfo=LONDON)
    return occurred, occurred + timedelta(minutes=rng.choice([5, 12, 25, 40, 90, 180, 600]))


def add_details(rng: random.Random, crime: Crime) -> None:
    crime.offence = choose_offence(rng, crime.category)
    crime.is_domestic_abuse = rng.random() < DOMESTIC_ABUSE_SHARE.get(crime.offence, 0)
    hate_key = crime.offence if crime.offence in HATE_CRIME_SHARE else crime.category
    crime.is_hate_crime = not crime.is_domestic_abuse and rng.random() < HATE_CRIME_SHARE.get(hate_key, 0)
    crime.occurred_at, crime.reported_at = when_it_happened(rng, crime)


def add_details_to_all(rng: random.Random, crimes: list[Crime]) -> None:
    for crime in crimes:
        add_details(rng, crime)
    Crime.objects.bulk_update(
        crimes, ["offence", "is_domestic_abuse", "is_hate_crime", "occurred_at", "reported_at"], batch_size=200
    )
