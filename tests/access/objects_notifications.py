"""What the notifications app sets up for the access matrix (see tests/access/test_url_matrix.py)."""


def make(case, personas) -> dict:
    return {}
