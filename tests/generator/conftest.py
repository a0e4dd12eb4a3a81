"""One generated data set for every generator test (generating, with the demo under it, takes a while):
GENERATED_CASES cases over one year on the demo, made once and rolled back after the last test here."""

from pathlib import Path

import pytest
from django.db import transaction

HERE = Path(__file__).parent
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


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(items):
    """Under xdist (`--dist loadgroup`) every generator test goes to one worker, which generates once."""
    if not items or not items[0].config.pluginmanager.hasplugin("xdist"):
        return
    for item in items:
        if "generated" in getattr(item, "fixturenames", ()) and item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.xdist_group("generator"))
