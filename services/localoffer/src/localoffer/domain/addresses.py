"""Whose request this is, for the public rate limits: the socket address, or, when that
is one of the council's trusted proxies, the address the proxies recorded in
X-Forwarded-For (read from the right: each trusted proxy appends the address it was
called from, so the first untrusted address from the right is the family's; anything to
its left was sent by the client and may be forged). Pure."""

from __future__ import annotations

from collections.abc import Sequence
from ipaddress import IPv4Network, IPv6Network, ip_address

Network = IPv4Network | IPv6Network


def is_trusted(address: str, proxies: Sequence[Network]) -> bool:
    try:
        parsed = ip_address(address.strip())
    except ValueError:
        return False
    return any(parsed.version == net.version and parsed in net for net in proxies)


def client_address(peer: str, forwarded_for: str | None, proxies: Sequence[Network]) -> str:
    """The address to key a client on."""
    if not forwarded_for or not is_trusted(peer, proxies):
        return peer
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not is_trusted(hop, proxies):
            return hop
    return hops[0] if hops else peer
