"""Generated cases: the property part. (Not written yet: adds nothing.)"""


def prepare(ctx) -> None:
    pass


def add(life, ctx) -> None:
    pass
