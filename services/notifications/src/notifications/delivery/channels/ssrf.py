"""Guard against server-side request forgery through webhook URLs.

A partner's webhook target must be https (http only where allowed, for dev) and every
address its host name resolves to must be a public one: not private, loopback,
link-local (cloud metadata lives there), multicast, reserved, unspecified or shared,
nor an IPv6 wrapping of one of those. Hosts on the allow-list (dev and tests, e.g.
"127.0.0.1", "localhost") skip the address check. Call it when an endpoint is
registered and again at send time, since DNS answers can change (rebinding).

At send time the answer that was checked is the one used: ``vet_webhook_target`` returns
the vetted addresses and ``pinned_transport`` gives httpx a connection pool whose network
backend connects only to those addresses for that host name, while the request keeps the
name in its Host header and in TLS (SNI and certificate check). A second DNS lookup,
which a rebinding attacker could answer with an internal address, never happens.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpcore
import httpx

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
#: (host, port) -> the IP address strings it resolves to
Resolver = Callable[[str, int], Iterable[str]]


class UnsafeWebhookTarget(ValueError):
    """The URL may not be used as a webhook target; ``str(exc)`` says why."""


class UnresolvableWebhookTarget(UnsafeWebhookTarget):
    """The host name did not resolve (possibly a transient DNS fault)."""


def system_resolver(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


_CHECKS: tuple[tuple[str, str], ...] = (
    ("is_unspecified", "unspecified"),
    ("is_loopback", "loopback"),
    ("is_link_local", "link-local"),
    ("is_multicast", "multicast"),
    ("is_reserved", "reserved"),
    ("is_private", "private"),
)


def _embedded_ipv4(addr: IPAddress) -> IPAddress | None:
    if isinstance(addr, ipaddress.IPv6Address):
        if addr.ipv4_mapped is not None:
            return addr.ipv4_mapped
        if addr.sixtofour is not None:
            return addr.sixtofour
        if addr.teredo is not None:
            return addr.teredo[1]
        if addr in _NAT64:
            return ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF)
    return None


def address_problem(addr: IPAddress) -> str | None:
    """Why ``addr`` may not be a webhook target, or None if it is a public address."""
    inner = _embedded_ipv4(addr)
    if inner is not None:
        problem = address_problem(inner)
        return f"IPv6-wrapped {problem}" if problem else None
    for attribute, label in _CHECKS:
        if getattr(addr, attribute):
            return label
    if not addr.is_global:
        return "non-global"
    return None


def _parse_ip(text: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return None


def _split(url: str, allow_http: bool) -> tuple[str, int]:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise UnsafeWebhookTarget(f"not a valid URL: {exc}") from None
    allowed = ("https", "http") if allow_http else ("https",)
    if parts.scheme not in allowed:
        raise UnsafeWebhookTarget(
            f"scheme {parts.scheme or '(none)'!r} refused: webhook targets must use https"
        )
    if not parts.hostname:
        raise UnsafeWebhookTarget("the URL has no host")
    if parts.username is not None or parts.password is not None:
        raise UnsafeWebhookTarget("credentials in the URL are refused")
    return parts.hostname.rstrip(".").lower(), port or (443 if parts.scheme == "https" else 80)


@dataclass(frozen=True, slots=True)
class VettedTarget:
    """A webhook target that passed the checks: its host, port and the addresses that were
    checked (empty when the host is an IP literal or on the allow-list: nothing to pin)."""

    host: str
    port: int
    addresses: tuple[str, ...] = ()


def vet_webhook_target(
    url: str,
    *,
    allow_http: bool,
    allow_hosts: set[str] | frozenset[str],
    resolver: Resolver = system_resolver,
) -> VettedTarget:
    """Check ``url`` (raise ``UnsafeWebhookTarget``) and return what was checked."""
    host, port = _split(url, allow_http)
    if host in {h.lower() for h in allow_hosts}:
        return VettedTarget(host, port)
    literal = _parse_ip(host)
    if literal is not None:
        problem = address_problem(literal)
        if problem:
            raise UnsafeWebhookTarget(f"{literal} is a {problem} address")
        return VettedTarget(host, port)
    addresses = _resolve(host, port, resolver)
    for addr in addresses:
        problem = address_problem(addr)
        if problem:
            raise UnsafeWebhookTarget(f"{host} resolves to {addr}, a {problem} address")
    return VettedTarget(host, port, tuple(str(a) for a in addresses))


def check_webhook_target(
    url: str,
    *,
    allow_http: bool,
    allow_hosts: set[str] | frozenset[str],
    resolver: Resolver = system_resolver,
) -> None:
    """Raise ``UnsafeWebhookTarget`` unless ``url`` is a safe webhook target."""
    vet_webhook_target(url, allow_http=allow_http, allow_hosts=allow_hosts, resolver=resolver)


def _resolve(host: str, port: int, resolver: Resolver) -> list[IPAddress]:
    try:
        answers = list(resolver(host, port))
    except (OSError, UnicodeError) as exc:
        raise UnresolvableWebhookTarget(f"cannot resolve {host}: {exc}") from None
    addresses = [a for a in (_parse_ip(text) for text in answers) if a is not None]
    if not addresses or len(addresses) != len(answers):
        raise UnresolvableWebhookTarget(f"{host} gave no usable address")
    return addresses


# -- pinning: connect to the vetted address, not to a second DNS answer -----------------------

class PinnedNetworkBackend(httpcore.AsyncNetworkBackend):
    """Connects a host name only to its vetted addresses (in order, the first that
    answers); any other name is refused. TLS is started by httpcore afterwards with the
    host name as SNI and for the certificate check, so only the TCP target is pinned."""

    def __init__(self, pins: Mapping[str, Sequence[str]],
                 inner: httpcore.AsyncNetworkBackend | None = None) -> None:
        self.pins = {host.lower(): tuple(addresses) for host, addresses in pins.items()}
        self.inner = inner or httpcore.AnyIOBackend()

    async def connect_tcp(self, host: str, port: int, timeout: float | None = None,  # noqa: ASYNC109 - httpcore's signature
                          local_address: str | None = None,
                          socket_options: Iterable[Any] | None = None,
                          ) -> httpcore.AsyncNetworkStream:
        addresses = self.pins.get(host.rstrip(".").lower())
        if not addresses:
            raise httpcore.ConnectError(f"{host} is not a vetted webhook host")
        failure: Exception | None = None
        for address in addresses:
            try:
                return await self.inner.connect_tcp(address, port, timeout=timeout,
                                                    local_address=local_address,
                                                    socket_options=socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
        assert failure is not None
        raise failure

    async def connect_unix_socket(self, path: str, timeout: float | None = None,  # noqa: ASYNC109
                                  socket_options: Iterable[Any] | None = None,
                                  ) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("webhooks never use unix sockets")

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


def pinned_transport(target: VettedTarget, *, ssl_context: ssl.SSLContext | None = None,
                     inner: httpcore.AsyncNetworkBackend | None = None,
                     ) -> httpx.AsyncHTTPTransport:
    """An httpx transport (no proxy, no environment) whose connections to ``target.host``
    go to its vetted addresses only."""
    transport = httpx.AsyncHTTPTransport(trust_env=False)
    # httpx builds its pool without a way to pass a network backend: replace the pool
    # (the transport sends every request through ``_pool``)
    transport._pool = httpcore.AsyncConnectionPool(
        ssl_context=ssl_context or ssl.create_default_context(),
        network_backend=PinnedNetworkBackend({target.host: target.addresses}, inner))
    return transport
