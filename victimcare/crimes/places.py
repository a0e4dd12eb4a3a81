"""Where a crime happened, said without pointing at a home: for anyone who is not working the case."""

import re

# House and flat numbers, and whole postcodes.
_HOUSE_NUMBER = re.compile(r"\b(?:flat|apartment|apt|unit)\s*\w*\d\w*\b,?|\b\d+[a-z]?\b,?", re.IGNORECASE)
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)


def street_level(text: str) -> str:
    """ "Flat 2, 14 High Street, NP20 1AA" -> "High Street": no house, flat or postcode."""
    text = _HOUSE_NUMBER.sub("", _POSTCODE.sub("", text or ""))
    return re.sub(r"\s+", " ", re.sub(r"(,\s*)+", ", ", text)).strip(" ,")
