"""The address of the client behind a request: the one rule the throttle and the audit use.

``REMOTE_ADDR`` is the peer of the connection. Only when that peer is one of
``TRUSTED_PROXIES`` (addresses or CIDR networks) does ``X-Forwarded-For`` count, and then
only as far as trusted proxies wrote it: walking from its right end, the first address
that is not a trusted proxy is the client. Anything left of that was sent by the client
and may be invented. A malformed entry stops the walk at the last address known good.
"""

from __future__ import annotations

import functools
import ipaddress
from collections.abc import Iterable

from django.conf import settings
from django.http import HttpRequest

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(values: Iterable[str]) -> tuple[Network, ...]:
    """``TRUSTED_PROXIES`` items as networks; a bare address is a network of one."""
    return tuple(ipaddress.ip_network(value.strip(), strict=False) for value in values)


@functools.cache
def _networks(values: tuple[str, ...]) -> tuple[Network, ...]:
    return parse_networks(values)


def _trusted(address: Address) -> bool:
    return any(address in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


def _parse(value: str | None) -> Address | None:
    if not value:
        return None
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    mapped = getattr(address, "ipv4_mapped", None)
    return mapped if mapped is not None else address


def _forwarded(request: HttpRequest) -> list[str]:
    """The hops of ``X-Forwarded-For``, nearest last (several headers arrive joined by commas)."""
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    return header.split(",") if isinstance(header, str) and header.strip() else []


def client_address(request: HttpRequest) -> str | None:
    """The client's IP address as text, or None if the peer's is unknown or not an address."""
    nearest = _parse(request.META.get("REMOTE_ADDR"))
    if nearest is None:
        return None
    for hop in reversed(_forwarded(request)):
        if not _trusted(nearest):
            break
        found = _parse(hop)
        if found is None:
            break
        nearest = found
    return str(nearest)
