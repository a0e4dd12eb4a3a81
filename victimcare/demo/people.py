"""Made-up victims with plausible Welsh and English names, from small lists and a seeded random source.

Phone numbers are in Ofcom's range for drama (07700 900000-900999) and e-mail addresses use example.org,
so nothing here can reach a real person.
"""

import random
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from victimcare.victims.models import Victim

WELSH_GIVEN_NAMES = [
    "Carys", "Ffion", "Siân", "Rhiannon", "Catrin", "Megan", "Nia", "Eleri", "Angharad", "Lowri", "Bethan",
    "Elin", "Mared", "Heledd", "Manon", "Gwenllian", "Rhys", "Dafydd", "Gethin", "Owain", "Iwan", "Aled",
    "Emyr", "Huw", "Dylan", "Rhodri", "Ioan", "Geraint", "Gruffydd", "Tomos", "Osian", "Llŷr",
]
ENGLISH_GIVEN_NAMES = [
    "Sarah", "Emma", "Laura", "Rebecca", "Chloe", "Jessica", "Hannah", "Amy", "Karen", "Lisa", "Michelle",
    "Olivia", "Sophie", "Jade", "James", "Daniel", "Matthew", "Christopher", "Ryan", "Liam", "Jack", "Mark",
    "Paul", "Adam", "Kieran", "Nathan", "Craig", "Lee", "Callum", "Jordan",
]
WELSH_FAMILY_NAMES = [
    "Jones", "Davies", "Williams", "Evans", "Thomas", "Roberts", "Lewis", "Hughes", "Morgan", "Griffiths",
    "Price", "Rees", "Jenkins", "Powell", "Bowen", "Pritchard", "Howells", "Parry", "Watkins", "Llewellyn",
    "Prosser", "Probert", "Bevan", "Meredith",
]
ENGLISH_FAMILY_NAMES = [
    "Smith", "Taylor", "Brown", "Walker", "Wright", "Green", "Hall", "Clarke", "Baker", "Turner", "Hill",
    "Cooper", "Ward", "Harris", "Cole", "Shaw",
]
# (given name, family name, language) for victims who need an interpreter.
OTHER_LANGUAGE_NAMES = [
    ("Agnieszka", "Nowak", "Polish"),
    ("Tomasz", "Kowalski", "Polish"),
    ("Andrei", "Popescu", "Romanian"),
    ("Elena", "Ionescu", "Romanian"),
    ("Ahmed", "Hassan", "Arabic"),
    ("Fatima", "Ali", "Arabic"),
    ("Bilal", "Khan", "Urdu"),
    ("Ayesha", "Begum", "Bengali"),
    ("Oksana", "Shevchenko", "Ukrainian"),
    ("Mihai", "Dumitru", "Romanian"),
]
COMMUNICATION_NEEDS = [
    "British Sign Language user: book a BSL interpreter.",
    "Prefers letters in large print.",
    "Has a learning disability: plain language, short calls, a supporter may join.",
]

WELSH_SPEAKER_SHARE = 0.14
INTERPRETER_SHARE = 0.06
UNDER_18_SHARE = 0.1
COMMUNICATION_NEEDS_SHARE = 0.04


@dataclass(frozen=True)
class Person:
    given_name: str
    family_name: str
    language: str = Victim.Language.ENGLISH
    other_language: str = ""
    needs_interpreter: bool = False
    communication_needs: str = ""


def welsh_speaker(rng: random.Random) -> Person:
    return Person(rng.choice(WELSH_GIVEN_NAMES), rng.choice(WELSH_FAMILY_NAMES), Victim.Language.WELSH)


def needs_interpreter(rng: random.Random) -> Person:
    given, family, language = rng.choice(OTHER_LANGUAGE_NAMES)
    return Person(given, family, Victim.Language.OTHER, language, needs_interpreter=True)


def english_speaker(rng: random.Random) -> Person:
    """Most people in Gwent: English-speaking, with a Welsh or an English name (or one of each)."""
    given = rng.choice(ENGLISH_GIVEN_NAMES + WELSH_GIVEN_NAMES[:12])
    family = rng.choice(WELSH_FAMILY_NAMES * 2 + ENGLISH_FAMILY_NAMES)
    needs = rng.choice(COMMUNICATION_NEEDS) if rng.random() < COMMUNICATION_NEEDS_SHARE else ""
    return Person(given, family, communication_needs=needs, needs_interpreter=needs.startswith("British Sign"))


def random_person(rng: random.Random) -> Person:
    draw = rng.random()
    if draw < WELSH_SPEAKER_SHARE:
        return welsh_speaker(rng)
    if draw < WELSH_SPEAKER_SHARE + INTERPRETER_SHARE:
        return needs_interpreter(rng)
    return english_speaker(rng)


def date_of_birth(rng: random.Random, on: date) -> date:
    """Born so as to be 11 to 17 (one in ten) or 18 to 86 on `on`."""
    age = rng.randint(11, 17) if rng.random() < UNDER_18_SHARE else rng.randint(18, 86)
    return on - timedelta(days=age * 365 + rng.randint(1, 360))


def ascii_name(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def make_victim(rng: random.Random, number: int, crime_day: date) -> Victim:
    person = random_person(rng)
    born = date_of_birth(rng, crime_day)
    adult = (crime_day - born).days >= 18 * 365
    email = f"{ascii_name(person.given_name)}.{ascii_name(person.family_name)}{number}@example.org"
    return Victim.objects.create(
        given_name=person.given_name,
        family_name=person.family_name,
        date_of_birth=born,
        email=email if adult and rng.random() < 0.8 else "",
        phone=f"07700 900{number:03d}",
        preferred_language=person.language,
        other_language=person.other_language,
        needs_interpreter=person.needs_interpreter,
        communication_needs=person.communication_needs,
    )
