"""Crime categories (data.police.uk) and the finer offences recorded where known.

Plain Python, no Django: the charter rules read it to decide enhanced rights.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Category:
    slug: str
    police_uk_name: str
    name_cy: str


@dataclass(frozen=True)
class Offence:
    slug: str
    name_en: str
    name_cy: str
    category: str
    most_serious: bool = False  # one of the Victims' Code "most serious crimes": enhanced rights
    sexual: bool = False
    violent: bool = False


CATEGORIES: dict[str, Category] = {
    c.slug: c
    for c in [
        Category("anti-social-behaviour", "Anti-social behaviour", "Ymddygiad gwrthgymdeithasol"),
        Category("bicycle-theft", "Bicycle theft", "Dwyn beiciau"),
        Category("burglary", "Burglary", "Bwrgleriaeth"),
        Category("criminal-damage-arson", "Criminal damage and arson", "Difrod troseddol a llosgi bwriadol"),
        Category("drugs", "Drugs", "Cyffuriau"),
        Category("other-crime", "Other crime", "Troseddau eraill"),
        Category("other-theft", "Other theft", "Dwyn arall"),
        Category("possession-of-weapons", "Possession of weapons", "Meddu ar arfau"),
        Category("public-order", "Public order", "Trefn gyhoeddus"),
        Category("robbery", "Robbery", "Lladrata"),
        Category("shoplifting", "Shoplifting", "Dwyn o siopau"),
        Category("theft-from-the-person", "Theft from the person", "Dwyn oddi ar y person"),
        Category("vehicle-crime", "Vehicle crime", "Troseddau cerbydau"),
        Category("violent-crime", "Violence and sexual offences", "Trais a throseddau rhywiol"),
    ]
}

CATEGORY_BY_POLICE_UK_NAME: dict[str, Category] = {c.police_uk_name: c for c in CATEGORIES.values()}

OFFENCES: dict[str, Offence] = {
    o.slug: o
    for o in [
        Offence("common-assault", "Common assault", "Ymosodiad cyffredin", "violent-crime", violent=True),
        Offence(
            "actual-bodily-harm",
            "Assault occasioning actual bodily harm",
            "Ymosodiad sy'n achosi gwir niwed corfforol",
            "violent-crime",
            violent=True,
        ),
        Offence(
            "wounding-without-intent",
            "Wounding or grievous bodily harm (section 20)",
            "Clwyfo neu achosi niwed corfforol difrifol (adran 20)",
            "violent-crime",
            violent=True,
        ),
        Offence(
            "wounding-with-intent",
            "Wounding or grievous bodily harm with intent (section 18)",
            "Clwyfo neu achosi niwed corfforol difrifol gyda bwriad (adran 18)",
            "violent-crime",
            most_serious=True,
            violent=True,
        ),
        Offence(
            "attempted-murder",
            "Attempted murder",
            "Ceisio llofruddio",
            "violent-crime",
            most_serious=True,
            violent=True,
        ),
        Offence("homicide", "Homicide", "Dynladdiad", "violent-crime", most_serious=True, violent=True),
        Offence("rape", "Rape", "Trais rhywiol", "violent-crime", most_serious=True, sexual=True, violent=True),
        Offence(
            "sexual-assault",
            "Sexual assault",
            "Ymosodiad rhywiol",
            "violent-crime",
            most_serious=True,
            sexual=True,
            violent=True,
        ),
        Offence(
            "other-sexual-offence",
            "Other sexual offence",
            "Trosedd rywiol arall",
            "violent-crime",
            most_serious=True,
            sexual=True,
        ),
        Offence("stalking", "Stalking", "Stelcio", "violent-crime", violent=True),
        Offence("harassment", "Harassment", "Aflonyddu", "violent-crime"),
        Offence(
            "coercive-control",
            "Controlling or coercive behaviour",
            "Ymddygiad rheolaethol neu gymhellol",
            "violent-crime",
            violent=True,
        ),
        Offence(
            "kidnap",
            "Kidnap or false imprisonment",
            "Herwgipio neu garcharu ar gam",
            "violent-crime",
            most_serious=True,
            violent=True,
        ),
        Offence(
            "human-trafficking",
            "Human trafficking or modern slavery",
            "Masnachu pobl neu gaethwasiaeth fodern",
            "other-crime",
            most_serious=True,
        ),
        Offence("terrorism", "Terrorism offence", "Trosedd derfysgol", "other-crime", most_serious=True, violent=True),
        Offence(
            "arson-endangering-life",
            "Arson with intent to endanger life",
            "Llosgi bwriadol gyda'r bwriad o beryglu bywyd",
            "criminal-damage-arson",
            most_serious=True,
            violent=True,
        ),
        Offence("criminal-damage", "Criminal damage", "Difrod troseddol", "criminal-damage-arson"),
        Offence("burglary-home", "Burglary of a home", "Bwrgleriaeth mewn cartref", "burglary"),
        Offence("burglary-business", "Burglary of a business", "Bwrgleriaeth mewn busnes", "burglary"),
        Offence("robbery-personal", "Robbery of personal property", "Lladrata eiddo personol", "robbery", violent=True),
        Offence("theft-from-vehicle", "Theft from a vehicle", "Dwyn o gerbyd", "vehicle-crime"),
        Offence("theft-of-vehicle", "Theft of a vehicle", "Dwyn cerbyd", "vehicle-crime"),
        Offence("fraud", "Fraud", "Twyll", "other-crime"),
    ]
}


def category_name(slug: str, language: str = "en") -> str:
    category = CATEGORIES[slug]
    return category.name_cy if language == "cy" else category.police_uk_name


def offence_name(slug: str, language: str = "en") -> str:
    offence = OFFENCES[slug]
    return offence.name_cy if language == "cy" else offence.name_en
