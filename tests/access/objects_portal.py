"""What the portal app sets up for the access matrix (see tests/access/test_url_matrix.py): the case the
"other_victim" persona is signed in to the portal for."""


def make(case, personas) -> dict:
    return {"other_victim_case": case}  # replaced with another victim's case by the portal work
