"""One generated data set for every generator test (generating, with the demo under it, takes a while):
GENERATED_CASES cases over one year on the demo, made once and rolled back after the last test here.
Under xdist, every test here runs on one worker (tests/conftest.py, RUN_TOGETHER), which generates once."""

import pytest
from django.db import transaction

GENERATED_CASES = 1500


@pytest.fixture(scope="package")
def generated(django_db_setup, django_db_blocker):
    """The GenerationReport. In-process (parallel=False): a forked writer would need its own connection, and
    the test's data lives in this connection's transaction."""
    from victimcare.generator.run import generate

    with django_db_blocker.unblock(), transaction.atomic():
        report = generate(GENERATED_CASES, years=1, seed=7, batch=500, parallel=False)
        yield report
        transaction.set_rollback(True)
