"""The client address behind a proxy: X-Forwarded-For believed only from the proxies we run."""

from ipaddress import ip_network

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from victimcare.operations.proxy import client_address, env_networks


@pytest.fixture
def proxies(settings):
    settings.TRUSTED_PROXIES = [ip_network("10.0.0.5/32"), ip_network("10.0.1.0/24")]


def address(remote, forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return client_address(RequestFactory().get("/", REMOTE_ADDR=remote, **extra))


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert address("203.0.113.9", "198.51.100.1") == "203.0.113.9"


def test_from_a_trusted_proxy_the_right_most_untrusted_hop_is_the_client(proxies):
    # The client wrote "1.2.3.4" itself to escape the lockout; our proxies appended the rest.
    assert address("10.0.0.5", "1.2.3.4, 198.51.100.7, 10.0.1.20") == "198.51.100.7"
    assert address("10.0.0.5", "198.51.100.7") == "198.51.100.7"


def test_from_anywhere_else_the_header_is_ignored(proxies):
    assert address("203.0.113.9", "198.51.100.7") == "203.0.113.9"


def test_nothing_usable_falls_back_to_the_proxy(proxies):
    assert address("10.0.0.5", "") == "10.0.0.5"
    assert address("10.0.0.5") == "10.0.0.5"
    assert address("10.0.0.5", "10.0.1.2") == "10.0.0.5"
    assert address("10.0.0.5", "1.2.3.4, not-an-address") == "10.0.0.5"


def test_the_lockouts_use_it(proxies):
    from axes.helpers import get_client_ip_address

    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert get_client_ip_address(request) == "198.51.100.7"


def test_bad_networks_are_refused_by_name(monkeypatch):
    monkeypatch.setenv("TRUSTED_PROXIES", "10.0.0.5, proxy.internal")
    with pytest.raises(ImproperlyConfigured, match=r"TRUSTED_PROXIES: 'proxy\.internal'"):
        env_networks("TRUSTED_PROXIES")
    monkeypatch.setenv("TRUSTED_PROXIES", "10.0.0.5, 2001:db8::/32")
    assert [str(n) for n in env_networks("TRUSTED_PROXIES")] == ["10.0.0.5/32", "2001:db8::/32"]
