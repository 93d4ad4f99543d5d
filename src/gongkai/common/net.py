"""The client's address, as every limiter, the login lockout and the audit see it.

Behind a reverse proxy REMOTE_ADDR is the proxy's address for every citizen. The proxy's header
(nginx: `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;`) is believed only when the
request comes from one of GONGKAI_TRUSTED_PROXIES, and then its rightmost address that is not itself a
trusted proxy is the client: everything left of that was written by the client and may be forged.
"""

from __future__ import annotations

import functools
import ipaddress

from django.conf import settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@functools.lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(e, strict=False) for e in entries)


def _address(raw: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    raw = raw.strip()
    if raw.startswith("[") and "]" in raw:  # [2001:db8::1]:443
        raw = raw[1 : raw.index("]")]
    elif raw.count(":") == 1:  # 203.0.113.7:5678
        raw = raw.split(":", 1)[0]
    try:
        return ipaddress.ip_address(raw)
    except ValueError:
        return None


def _trusted(address, networks: tuple[Network, ...]) -> bool:
    return address is not None and any(address in net for net in networks)


def client_ip(request) -> str:
    """The address of the client that sent `request` (also django-axes' AXES_CLIENT_IP_CALLABLE)."""
    remote = request.META.get("REMOTE_ADDR", "")
    networks = _networks(tuple(settings.GONGKAI_TRUSTED_PROXIES))
    if not networks or not _trusted(_address(remote), networks):
        return remote
    header = "HTTP_" + settings.GONGKAI_CLIENT_IP_HEADER.upper().replace("-", "_")
    hops = [hop for hop in request.META.get(header, "").split(",") if hop.strip()]
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            break  # garbage where an address should be: fall back to the proxy, do not guess
        if not _trusted(address, networks):
            return str(address)
    return remote
