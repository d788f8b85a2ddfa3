"""Standard Webhooks signing, checked by the independent `standardwebhooks` package, and
the sender against a real local receiver (uvicorn + Starlette on 127.0.0.1)."""

from __future__ import annotations

import asyncio
import base64
import json
import random
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest
from standardwebhooks.webhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError as LibError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from notifications.delivery.channels.retry import next_attempt_delay
from notifications.delivery.channels.webhooks import (
    WebhookSender,
    WebhookVerificationError,
    new_secret,
    sign,
    verify,
)

BODY = json.dumps({"type": "send.assessment.advice.requested.v1", "data": {"due_on": "2026-04-13"}})
RAW = BODY.encode()


def _headers(secrets: list[str], msg_id: str = "msg_1", ts: int | None = None) -> dict[str, str]:
    ts = int(time.time()) if ts is None else ts
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(ts),
        "webhook-signature": sign(secrets, msg_id, ts, RAW),
    }


# -- secrets and signatures -----------------------------------------------------------------


def test_new_secret_is_whsec_base64_of_enough_random_bytes() -> None:
    secret = new_secret()
    assert secret.startswith("whsec_")
    assert len(base64.b64decode(secret[6:])) >= 24
    assert new_secret() != secret
    with pytest.raises(ValueError):
        new_secret(16)


def test_independent_library_verifies_our_signature() -> None:
    secret = new_secret()
    assert Webhook(secret).verify(RAW, _headers([secret])) == json.loads(BODY)


def test_signature_matches_the_library_byte_for_byte() -> None:
    secret = new_secret()
    ts = 1_700_000_000
    theirs = Webhook(secret).sign("msg_x", datetime.fromtimestamp(ts, UTC), BODY)
    assert sign([secret], "msg_x", ts, RAW) == theirs


def test_our_verify_accepts_the_library_signature() -> None:
    secret = new_secret()
    now = datetime.now(UTC)
    headers = {
        "webhook-id": "msg_2",
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": Webhook(secret).sign("msg_2", now, BODY),
    }
    assert verify(secret, headers, RAW) == "msg_2"


def test_rotation_two_secrets_two_signatures_either_verifies() -> None:
    old, new = new_secret(), new_secret()
    headers = _headers([old, new])

    assert len(headers["webhook-signature"].split(" ")) == 2
    for secret in (old, new):
        assert verify(secret, headers, RAW) == "msg_1"
        Webhook(secret).verify(RAW, headers)
    with pytest.raises(WebhookVerificationError):
        verify(new_secret(), headers, RAW)
    with pytest.raises(LibError):
        Webhook(new_secret()).verify(RAW, headers)


def test_verify_rejects_tampering_and_staleness() -> None:
    secret = new_secret()
    headers = _headers([secret], ts=1_700_000_000)
    now = 1_700_000_000

    assert verify(secret, headers, RAW, now=now + 299) == "msg_1"
    with pytest.raises(WebhookVerificationError, match="tolerance"):
        verify(secret, headers, RAW, now=now + 301)
    with pytest.raises(WebhookVerificationError, match="tolerance"):
        verify(secret, headers, RAW, now=now - 301)
    with pytest.raises(WebhookVerificationError, match="no matching"):
        verify(secret, headers, RAW + b" ", now=now)
    with pytest.raises(WebhookVerificationError, match="no matching"):
        verify(secret, {**headers, "webhook-id": "msg_other"}, RAW, now=now)
    with pytest.raises(WebhookVerificationError, match="missing"):
        verify(secret, {"webhook-id": "msg_1"}, RAW, now=now)
    with pytest.raises(WebhookVerificationError, match="no matching"):
        verify(secret, {**headers, "webhook-signature": "v2,abc v1,%%%"}, RAW, now=now)


def test_verify_accepts_any_header_case() -> None:
    secret = new_secret()
    headers = {k.title(): v for k, v in _headers([secret]).items()}
    assert verify(secret, headers, RAW) == "msg_1"


def test_malformed_secret_is_refused() -> None:
    with pytest.raises(ValueError):
        sign(["not-a-secret"], "m", 1, RAW)
    with pytest.raises(ValueError):
        sign(["whsec_@@@"], "m", 1, RAW)


# -- the sender against a real receiver -----------------------------------------------------


class Receiver:
    """A partner's endpoint whose answers are scripted per path."""

    def __init__(self, secret: str) -> None:
        self.secret = secret
        self.requests: list[tuple[str, dict[str, str], bytes]] = []
        self.calls: Counter[str] = Counter()
        self.fail_first = 0
        self.app = Starlette(routes=[Route("/{name}", self.handle, methods=["POST"])])

    async def handle(self, request: Request) -> Response:
        name = request.path_params["name"]
        body = await request.body()
        self.calls[name] += 1
        self.requests.append((name, dict(request.headers), body))
        if name == "ok":
            Webhook(self.secret).verify(body, dict(request.headers))  # raises → 500
            return PlainTextResponse("thanks", status_code=200)
        if name == "flaky":
            if self.calls[name] <= self.fail_first:
                return PlainTextResponse("database down", status_code=500)
            return Response(status_code=204)
        if name == "gone":
            return Response(status_code=410)
        if name == "busy":
            return Response(status_code=429, headers={"Retry-After": "120"})
        if name == "busy-date":
            when = datetime.now(UTC) + timedelta(hours=1)
            return Response(status_code=503, headers={"Retry-After": format_datetime(when, True)})
        if name == "moved":
            return RedirectResponse("/ok", status_code=302)
        if name == "slow":
            await asyncio.sleep(1.0)
            return Response(status_code=200)
        if name == "bad":
            return PlainTextResponse("unknown event", status_code=400)
        return Response(status_code=404)


@pytest.fixture
async def receiver(serve_app) -> tuple[Receiver, str]:
    rec = Receiver(new_secret())
    return rec, await serve_app(rec.app)


def _sender(client: httpx.AsyncClient, timeout_s: float = 15) -> WebhookSender:
    return WebhookSender(client, timeout_s, allow_http=True, allow_hosts={"127.0.0.1"})


async def test_200_is_sent_and_verifiable(receiver, http_client) -> None:
    rec, base = receiver
    outcome = await _sender(http_client).send(f"{base}/ok", [rec.secret], "msg_a", RAW, time.time())

    assert outcome.status == "sent", outcome.detail
    ((_, headers, body),) = rec.requests
    assert body == RAW
    assert headers["content-type"] == "application/json"
    assert headers["webhook-id"] == "msg_a"
    assert verify(rec.secret, headers, body) == "msg_a"


async def test_500_five_times_then_200_delivers_once_with_the_same_id(receiver, http_client):
    rec, base = receiver
    rec.fail_first = 5
    sender, rng = _sender(http_client), random.Random(7)
    outcomes, delays = [], []
    for attempt in range(1, 11):
        outcome = await sender.send(f"{base}/flaky", [rec.secret], "msg_b", RAW, time.time())
        outcomes.append(outcome.status)
        if outcome.status != "retry":
            break
        delays.append(next_attempt_delay(attempt, rng, outcome.retry_after_s))

    assert outcomes == ["retry"] * 5 + ["sent"]
    assert all(d is not None and d > 0 for d in delays)
    assert {h["webhook-id"] for _, h, _ in rec.requests} == {"msg_b"}
    assert rec.calls["flaky"] == 6


async def test_410_disables(receiver, http_client) -> None:
    rec, base = receiver
    outcome = await _sender(http_client).send(f"{base}/gone", [rec.secret], "m", RAW, time.time())
    assert outcome.status == "disabled"


async def test_429_honours_retry_after_seconds(receiver, http_client) -> None:
    rec, base = receiver
    outcome = await _sender(http_client).send(f"{base}/busy", [rec.secret], "m", RAW, time.time())
    assert outcome.status == "retry"
    assert outcome.retry_after_s == 120
    assert next_attempt_delay(1, random.Random(1), outcome.retry_after_s) == 120


async def test_503_honours_retry_after_http_date(receiver, http_client) -> None:
    rec, base = receiver
    outcome = await _sender(http_client).send(
        f"{base}/busy-date", [rec.secret], "m", RAW, datetime.now(UTC)
    )
    assert outcome.status == "retry"
    # the HTTP date has whole seconds, made a moment after `now` was taken here
    assert outcome.retry_after_s is not None and 3500 < outcome.retry_after_s <= 3601


async def test_302_is_not_followed(receiver, http_client) -> None:
    rec, base = receiver
    outcome = await _sender(http_client).send(f"{base}/moved", [rec.secret], "m", RAW, time.time())

    assert outcome.status == "retry"
    assert "redirect" in outcome.detail
    assert rec.calls == Counter({"moved": 1})  # /ok never reached


async def test_other_4xx_fails(receiver, http_client) -> None:
    rec, base = receiver
    outcome = await _sender(http_client).send(f"{base}/bad", [rec.secret], "m", RAW, time.time())
    assert outcome.status == "failed"
    assert "400" in outcome.detail and "unknown event" in outcome.detail


async def test_real_timeout_is_retry(receiver, http_client) -> None:
    rec, base = receiver
    sender = _sender(http_client, timeout_s=0.2)
    outcome = await sender.send(f"{base}/slow", [rec.secret], "m", RAW, time.time())
    assert outcome.status == "retry"
    assert "timeout" in outcome.detail


async def test_timeout_via_mock_transport_is_retry() -> None:
    def raise_timeout(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    async with httpx.AsyncClient(transport=httpx.MockTransport(raise_timeout)) as client:
        sender = WebhookSender(client, allow_hosts={"partner.example"})
        outcome = await sender.send("https://partner.example/hook", [new_secret()], "m", RAW, 0)
    assert outcome.status == "retry"
    assert "timeout" in outcome.detail


async def test_connection_refused_is_retry(http_client) -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    outcome = await _sender(http_client).send(
        f"http://127.0.0.1:{port}/x", [new_secret()], "m", RAW, time.time()
    )
    assert outcome.status == "retry"
    assert "connection" in outcome.detail


async def test_send_time_check_refuses_loopback_unless_allowed(receiver, http_client) -> None:
    rec, base = receiver
    sender = WebhookSender(http_client, allow_http=True)  # no allow-list

    outcome = await sender.send(f"{base}/ok", [rec.secret], "m", RAW, time.time())

    assert outcome.status == "failed"
    assert "loopback" in outcome.detail
    assert rec.requests == []


async def test_send_time_check_catches_dns_rebinding(http_client) -> None:
    answers = iter([["93.184.216.34"], ["10.1.2.3"]])

    def flipping_resolver(host: str, port: int) -> list[str]:
        return next(answers)

    from notifications.delivery.channels.ssrf import check_webhook_target

    check_webhook_target(
        "https://partner.example/hook",
        allow_http=False,
        allow_hosts=set(),
        resolver=flipping_resolver,
    )  # at registration: public
    sender = WebhookSender(http_client, resolver=flipping_resolver)
    outcome = await sender.send("https://partner.example/hook", [new_secret()], "m", RAW, 0)
    assert outcome.status == "failed"
    assert "private" in outcome.detail
