"""Behind a proxy: the client's address from X-Forwarded-For, believed only from proxies we run.

gunicorn sets REMOTE_ADDR to its peer, which behind a proxy is the proxy. The sign-in lockouts (django-axes, and the
victim portal through axes' helper) count failures per client address, so settings.AXES_CLIENT_IP_CALLABLE points
here: when the request comes from an address in TRUSTED_PROXIES, the client is the right-most address in
X-Forwarded-For that is not itself a trusted proxy (everything left of it was written by whoever sent the request,
and could be anything). From anywhere else the header is ignored.
"""

import ipaddress

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from victimcare.env import env_list

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def env_networks(name: str) -> list[Network]:
    """A comma-separated list of addresses or networks (10.0.0.5, 10.0.0.0/24, ::1) from the environment."""
    networks = []
    for item in env_list(name, []):
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ImproperlyConfigured(f"{name}: {item!r} is not an IP address or network") from None
    return networks


def address_in(address: str | None, networks: list[Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR")
    trusted = settings.TRUSTED_PROXIES
    if not address_in(remote, trusted):
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        if address_in(hop, trusted):
            continue
        try:
            return str(ipaddress.ip_address(hop))
        except ValueError:
            return remote  # our proxy wrote something that is not an address: a misconfiguration, not a client
    return remote
