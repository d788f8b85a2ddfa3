"""DNS pinning for webhook deliveries (issue 11, item 8): the address the SSRF guard
resolved and checked is the one the connection uses. The partner's name resolves to a
public address on the first lookup and to an internal one on any later lookup (DNS
rebinding); the webhook must reach the vetted address, with the name kept in the Host
header and in TLS (SNI and the certificate check), and nothing may reach the internal
address. The network below httpcore maps the public test address to a local receiver:
the HTTP, TLS and signing stack above it is the real one."""

from __future__ import annotations

import asyncio
import socket
import ssl
from collections.abc import AsyncIterator, Iterable
from pathlib import Path
from typing import Any

import httpcore
import httpx
import pytest
import uvicorn

from notifications.delivery.channels.ssrf import (
    PinnedNetworkBackend,
    UnsafeWebhookTarget,
    vet_webhook_target,
)
from notifications.delivery.channels.webhooks import WebhookSender, new_secret, verify
from tests.notifications.email.tls_certificates import TestCertificates, issue
from tests.notifications.notifications_support import Receiver

NAME = "partner.example"
PUBLIC = "93.184.216.34"  # a public address (the vetted answer)
INTERNAL = "127.0.0.1"  # the rebinding answer


class RebindingResolver:
    """First answer public, every later answer internal; counts the lookups."""

    def __init__(self) -> None:
        self.lookups: list[str] = []

    def __call__(self, host: str, port: int) -> list[str]:
        self.lookups.append(host)
        return [PUBLIC] if len(self.lookups) == 1 else [INTERNAL]


class TestNetwork(httpcore.AsyncNetworkBackend):
    """Routes a connection to an address to a local port (the public test address to the
    partner's receiver, the internal one to an internal service); records every target."""

    __test__ = False

    def __init__(self, routes: dict[str, int]) -> None:
        self.routes = routes
        self.connected: list[tuple[str, int]] = []
        self.inner = httpcore.AnyIOBackend()

    async def connect_tcp(self, host: str, port: int, timeout: float | None = None,  # noqa: ASYNC109
                          local_address: str | None = None,
                          socket_options: Iterable[Any] | None = None,
                          ) -> httpcore.AsyncNetworkStream:
        self.connected.append((host, port))
        if host not in self.routes:
            raise httpcore.ConnectError(f"no route to {host}")
        return await self.inner.connect_tcp("127.0.0.1", self.routes[host], timeout=timeout)

    async def connect_unix_socket(self, path: str, timeout: float | None = None,  # noqa: ASYNC109
                                  socket_options: Iterable[Any] | None = None,
                                  ) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("no unix sockets")

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


async def _serve(app: Any, **tls: str) -> AsyncIterator[int]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = int(sock.getsockname()[1])
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off",
                                           access_log=False, **tls))  # type: ignore[arg-type]
    task = asyncio.create_task(server.serve(sockets=[sock]))
    try:
        for _ in range(500):
            if server.started:
                break
            await asyncio.sleep(0.01)
        yield port
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, 5)


@pytest.fixture
def certificates(tmp_path: Path) -> TestCertificates:
    return issue(tmp_path / "tls", NAME)  # a certificate for the name only, no address


@pytest.fixture
async def partner(certificates: TestCertificates) -> AsyncIterator[tuple[Receiver, int]]:
    """The partner's https receiver (certificate for partner.example)."""
    receiver = Receiver()
    async for port in _serve(receiver.app(), ssl_certfile=str(certificates.cert_file),
                             ssl_keyfile=str(certificates.key_file)):
        yield receiver, port


@pytest.fixture
async def internal() -> AsyncIterator[tuple[Receiver, int]]:
    """An internal service the rebinding answer points at (plain http)."""
    receiver = Receiver()
    async for port in _serve(receiver.app()):
        yield receiver, port


async def test_webhook_goes_to_the_vetted_address_not_the_rebound_one(
        partner: tuple[Receiver, int], internal: tuple[Receiver, int],
        certificates: TestCertificates) -> None:
    (partner_rx, partner_port), (internal_rx, internal_port) = partner, internal
    network = TestNetwork({PUBLIC: partner_port, INTERNAL: internal_port})
    resolver = RebindingResolver()
    secret = new_secret()
    async with httpx.AsyncClient() as shared:
        sender = WebhookSender(shared, 5, resolver=resolver, network=network,
                               ssl_context=certificates.client_context())
        url = f"https://{NAME}:{partner_port}/hook"

        outcome = await sender.send(url, [secret], "msg-1", b'{"type":"t"}')

    assert outcome.status == "sent", outcome.detail
    assert resolver.lookups == [NAME]  # one lookup: the checked answer is the used one
    assert network.connected == [(PUBLIC, partner_port)]
    assert internal_rx.requests == []
    [request] = partner_rx.requests
    assert request["headers"]["host"] == f"{NAME}:{partner_port}"
    assert verify(secret, request["headers"], request["body"]) == "msg-1"


async def test_each_send_vets_again_and_a_rebound_private_answer_is_refused(
        partner: tuple[Receiver, int], internal: tuple[Receiver, int],
        certificates: TestCertificates) -> None:
    """The second delivery's lookup answers with the internal address: refused before any
    connection, so the internal service is never reached."""
    (partner_rx, partner_port), (internal_rx, internal_port) = partner, internal
    network = TestNetwork({PUBLIC: partner_port, INTERNAL: internal_port})
    resolver = RebindingResolver()
    async with httpx.AsyncClient() as shared:
        sender = WebhookSender(shared, 5, resolver=resolver, network=network,
                               ssl_context=certificates.client_context())
        url = f"https://{NAME}:{partner_port}/hook"
        first = await sender.send(url, [new_secret()], "msg-1", b"{}")
        second = await sender.send(url, [new_secret()], "msg-2", b"{}")

    assert (first.status, second.status) == ("sent", "failed")
    assert "127.0.0.1, a loopback address" in (second.detail or "")
    assert network.connected == [(PUBLIC, partner_port)]
    assert len(partner_rx.requests) == 1 and internal_rx.requests == []


async def test_tls_checks_the_name_not_the_pinned_address(
        partner: tuple[Receiver, int], certificates: TestCertificates) -> None:
    """The certificate names partner.example only: a connection that verified the pinned
    IP address instead of the name would fail; a client that does not trust the test CA
    fails, so the certificate really is checked."""
    partner_rx, partner_port = partner
    url = f"https://{NAME}:{partner_port}/hook"
    async with httpx.AsyncClient() as shared:
        trusting = WebhookSender(shared, 5, resolver=RebindingResolver(),
                                 network=TestNetwork({PUBLIC: partner_port}),
                                 ssl_context=certificates.client_context())
        distrusting = WebhookSender(shared, 5, resolver=RebindingResolver(),
                                    network=TestNetwork({PUBLIC: partner_port}),
                                    ssl_context=ssl.create_default_context())
        assert (await trusting.send(url, [new_secret()], "m-1", b"{}")).status == "sent"
        refused = await distrusting.send(url, [new_secret()], "m-2", b"{}")

    assert refused.status == "retry" and "connection error" in (refused.detail or "")
    assert len(partner_rx.requests) == 1


async def test_pinned_backend_refuses_a_name_it_was_not_given() -> None:
    backend = PinnedNetworkBackend({NAME: (PUBLIC,)}, TestNetwork({}))
    with pytest.raises(httpcore.ConnectError, match="not a vetted webhook host"):
        await backend.connect_tcp("elsewhere.example", 443)


def test_vetting_returns_the_checked_addresses_and_refuses_private_ones() -> None:
    vetted = vet_webhook_target(f"https://{NAME}/hook", allow_http=False,
                                allow_hosts=frozenset(), resolver=RebindingResolver())
    assert (vetted.host, vetted.port, vetted.addresses) == (NAME, 443, (PUBLIC,))
    literal = vet_webhook_target(f"https://{PUBLIC}/hook", allow_http=False,
                                 allow_hosts=frozenset())
    assert literal.addresses == ()  # an IP literal: nothing to resolve, nothing to pin
    with pytest.raises(UnsafeWebhookTarget, match="loopback"):
        vet_webhook_target("https://127.0.0.1/hook", allow_http=False,
                           allow_hosts=frozenset())
