"""The demo, loaded once for every test that looks at it (tests/demo/test_*_demo.py, one module an area):
load_demo takes a good while, and each module loading its own was minutes of the suite on each database."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(scope="package")
def demo(django_db_setup, django_db_blocker):
    """load_demo run once on the empty test database for the package's tests, rolled back after the last of
    them (each test's own changes roll back after it, as always); what it printed. Tests ask for `db` too, even
    those that only read the output: pytest-django runs tests without it after all the others, and the demo
    would be loaded a second time for them."""
    from victimcare.accounts.models import User

    with django_db_blocker.unblock(), transaction.atomic():
        assert not User.objects.exists()
        out = StringIO()
        call_command("load_demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)

