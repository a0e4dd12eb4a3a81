"""How the data protection timeline events read, in English and Welsh (checked by tests/web/test_timeline.py): a
correction names the fields, never their values."""

from victimcare.cases.models import TimelineEvent

Kind = TimelineEvent.Kind

EXAMPLES: list = [
    (Kind.PERSONAL_DETAILS_CORRECTED, {"fields": ["family_name", "date_of_birth"], "reason": "Asked by the victim"},
     "Corrected: last name, date of birth.", "Wedi'u cywiro: cyfenw, dyddiad geni."),
    (Kind.RETENTION_EXTENDED, {"review_on": "2027-06-01", "reason": "Appeal pending"},
     "Kept for longer; next review on 1 June 2027.", "Wedi'i gadw am fwy o amser; adolygiad nesaf ar 1 Mehefin 2027."),
    (Kind.CASE_ANONYMISED, {"victim_erased": True},
     "The personal data of this case and of the victim was erased.",
     "Cafodd data personol yr achos hwn a'r dioddefwr ei ddileu."),
    (Kind.CASE_ANONYMISED, {"victim_erased": False},
     "The personal data of this case was erased (the victim has another case still kept).",
     "Cafodd data personol yr achos hwn ei ddileu (mae gan y dioddefwr achos arall sy'n dal i gael ei gadw)."),
]
