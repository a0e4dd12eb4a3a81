"""Demo accounts have an authenticator app with the published demo secret, and `manage.py demo_code` prints its
code, with DEBUG on and for demo accounts only."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.helpers import CODE, code_for
from tests.factories import LocalAuthorityFactory, UserFactory
from victimcare.demo.organisations import (
    DEMO_PASSWORD,
    ORGANISATIONS,
    STAFF,
    create_organisations,
    create_staff,
    demo_totp_key,
)

pytestmark = pytest.mark.usefixtures("real_two_factor")


@pytest.fixture
def demo_staff(db):
    for code in {spec.local_authority for spec in ORGANISATIONS if spec.local_authority}:
        LocalAuthorityFactory(code=code)
    return create_staff(create_organisations())


def demo_code(username) -> str:
    out = StringIO()
    call_command("demo_code", username, stdout=out)
    return out.getvalue().strip()


def test_every_demo_account_has_the_demo_authenticator(demo_staff):
    assert len(demo_staff) == len(STAFF)
    for user in demo_staff.values():
        device = TOTPDevice.objects.get(user=user)
        assert device.confirmed and device.key == demo_totp_key()


def test_the_demo_code_signs_a_demo_account_in(demo_staff, settings):
    settings.DEBUG = True
    code = demo_code("olwen.price")
    assert code == code_for(demo_totp_key())
    client = Client()
    response = client.post(reverse("accounts:sign-in"), {"username": "olwen.price", "password": DEMO_PASSWORD})
    assert response["Location"].startswith(CODE)
    assert client.post(CODE, {"code": code})["Location"] == reverse("cases:list")
    assert client.get(reverse("cases:list")).status_code == 200


def test_refused_without_debug(demo_staff, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only with DEBUG on"):
        demo_code("olwen.price")


def test_refused_for_anyone_not_a_demo_account(demo_staff, settings):
    settings.DEBUG = True
    UserFactory(username="real.person")
    with pytest.raises(CommandError, match="not a demo account"):
        demo_code("real.person")


def test_refused_once_a_demo_account_has_its_own_app(demo_staff, settings):
    settings.DEBUG = True
    TOTPDevice.objects.filter(user=demo_staff["olwen.price"]).update(key="ab" * 20)
    with pytest.raises(CommandError, match="no demo authenticator"):
        demo_code("olwen.price")
