"""Signed webhooks under the Standard Webhooks convention (standardwebhooks.com).

Each request carries ``webhook-id`` (the message id, stable across retries so receivers
can de-duplicate), ``webhook-timestamp`` (integer Unix seconds) and
``webhook-signature``: space-separated ``v1,<base64 HMAC-SHA256>`` entries over
``f"{id}.{timestamp}.{body}"``, one per active secret so a partner can rotate its
secret without missing a message. Secrets are ``whsec_`` + base64 of random bytes.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import hashlib
import hmac
import secrets as _secrets
import ssl
import time
from collections.abc import Mapping, Sequence
from contextlib import AbstractAsyncContextManager, nullcontext
from datetime import UTC, datetime

import httpcore
import httpx

from notifications.delivery.channels.outcome import DeliveryOutcome
from notifications.delivery.channels.retry import parse_retry_after
from notifications.delivery.channels.ssrf import (
    Resolver,
    UnresolvableWebhookTarget,
    UnsafeWebhookTarget,
    VettedTarget,
    pinned_transport,
    system_resolver,
    vet_webhook_target,
)

SECRET_PREFIX = "whsec_"
MIN_SECRET_BYTES = 24
MAX_SECRET_BYTES = 64
DEFAULT_TOLERANCE_S = 300
_DETAIL_BODY_BYTES = 512


class WebhookVerificationError(ValueError):
    """A webhook's headers or signature do not check out."""


def new_secret(nbytes: int = 32) -> str:
    """A fresh signing secret: ``whsec_`` + base64 of ``nbytes`` random bytes (24-64)."""
    if not MIN_SECRET_BYTES <= nbytes <= MAX_SECRET_BYTES:
        raise ValueError(f"a secret has {MIN_SECRET_BYTES}-{MAX_SECRET_BYTES} bytes")
    return SECRET_PREFIX + base64.b64encode(_secrets.token_bytes(nbytes)).decode("ascii")


def secret_key(secret: str) -> bytes:
    """The HMAC key inside a ``whsec_`` secret."""
    if not secret.startswith(SECRET_PREFIX):
        raise ValueError("a webhook secret starts with 'whsec_'")
    try:
        key = base64.b64decode(secret[len(SECRET_PREFIX) :], validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("a webhook secret is whsec_ followed by base64") from None
    if len(key) < MIN_SECRET_BYTES:
        raise ValueError(f"a webhook secret needs at least {MIN_SECRET_BYTES} bytes")
    return key


def _signature(key: bytes, msg_id: str, timestamp: int, body: bytes) -> bytes:
    signed = f"{msg_id}.{timestamp}.".encode() + body
    return hmac.new(key, signed, hashlib.sha256).digest()


def sign(secrets: Sequence[str], msg_id: str, timestamp: int, body: bytes) -> str:
    """The ``webhook-signature`` header value: one ``v1,<b64>`` per secret, space-separated."""
    if not secrets:
        raise ValueError("at least one secret is needed to sign")
    return " ".join(
        "v1," + base64.b64encode(_signature(secret_key(s), msg_id, timestamp, body)).decode()
        for s in secrets
    )


def _now_seconds(now: datetime | float | None) -> float:
    if now is None:
        return time.time()
    if isinstance(now, datetime):
        return now.timestamp()
    return float(now)


def verify(
    secret: str,
    headers: Mapping[str, str],
    body: bytes,
    tolerance_s: float = DEFAULT_TOLERANCE_S,
    now: datetime | float | None = None,
) -> str:
    """Check a received webhook; return its ``webhook-id`` or raise WebhookVerificationError."""
    lowered = {k.lower(): v for k, v in headers.items()}
    msg_id = lowered.get("webhook-id")
    stamp = lowered.get("webhook-timestamp")
    signatures = lowered.get("webhook-signature")
    if not (msg_id and stamp and signatures):
        raise WebhookVerificationError("missing webhook-id, webhook-timestamp or signature")
    try:
        timestamp = int(stamp)
    except ValueError:
        raise WebhookVerificationError("webhook-timestamp is not integer seconds") from None
    if abs(_now_seconds(now) - timestamp) > tolerance_s:
        raise WebhookVerificationError("webhook-timestamp is outside the tolerance")
    expected = _signature(secret_key(secret), msg_id, timestamp, body)
    for entry in signatures.split():
        version, _, value = entry.partition(",")
        if version != "v1":
            continue
        try:
            candidate = base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            continue
        if hmac.compare_digest(expected, candidate):
            return msg_id
    raise WebhookVerificationError("no matching signature")


def webhook_headers(
    secrets: Sequence[str], msg_id: str, timestamp: int, body: bytes
) -> dict[str, str]:
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(secrets, msg_id, timestamp, body),
        "content-type": "application/json",
    }


class WebhookSender:
    """POSTs one signed webhook and classifies the answer.

    2xx is sent; 410 disables the endpoint; 408, 429 and 5xx are retried, honouring
    Retry-After; a 3xx is never followed (retried, detail says redirect); other 4xx
    fail. Timeouts and connection errors are retried. The target is re-checked against
    the SSRF rules before each send (DNS may have changed since registration), and the
    connection goes to the address that was checked (pinned), never to a fresh lookup.
    ``network`` (tests) is the network backend the pinned connections use.
    """

    def __init__(
        self,
        client: httpx.AsyncClient,
        timeout_s: float = 15,
        *,
        allow_http: bool = False,
        allow_hosts: set[str] | frozenset[str] = frozenset(),
        resolver: Resolver = system_resolver,
        network: httpcore.AsyncNetworkBackend | None = None,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self.client = client
        self.network = network
        self.ssl_context = ssl_context
        self.timeout_s = timeout_s
        self.allow_http = allow_http
        self.allow_hosts = frozenset(allow_hosts)
        self.resolver = resolver

    async def send(
        self,
        url: str,
        secrets: Sequence[str],
        msg_id: str,
        body: bytes,
        now: datetime | float | None = None,
    ) -> DeliveryOutcome:
        target = await self._vet(url)
        if isinstance(target, DeliveryOutcome):
            return target
        sent_at = _now_seconds(now)
        headers = webhook_headers(secrets, msg_id, int(sent_at), body)
        try:
            async with self._client_for(target) as client, client.stream(
                "POST",
                url,
                content=body,
                headers=headers,
                timeout=self.timeout_s,
                follow_redirects=False,
            ) as response:
                excerpt = await _read_excerpt(response)
        except httpx.TimeoutException as exc:
            return DeliveryOutcome.retry(
                f"timeout after {self.timeout_s:g} s ({type(exc).__name__})"
            )
        except httpx.TransportError as exc:
            return DeliveryOutcome.retry(f"connection error: {type(exc).__name__}: {exc}")
        when = datetime.fromtimestamp(sent_at, UTC)
        return classify_response(response, excerpt, when)

    async def _vet(self, url: str) -> VettedTarget | DeliveryOutcome:
        try:
            return await asyncio.to_thread(
                vet_webhook_target,
                url,
                allow_http=self.allow_http,
                allow_hosts=self.allow_hosts,
                resolver=self.resolver,
            )
        except UnresolvableWebhookTarget as exc:
            return DeliveryOutcome.retry(f"target not resolvable: {exc}")
        except UnsafeWebhookTarget as exc:
            return DeliveryOutcome.failed(f"unsafe webhook target: {exc}")

    def _client_for(self, target: VettedTarget) -> AbstractAsyncContextManager[httpx.AsyncClient]:
        """The shared client for an IP literal or an allow-listed host (nothing to pin);
        for a resolved name, a client pinned to the addresses just checked."""
        if not target.addresses:
            return nullcontext(self.client)
        transport = pinned_transport(target, ssl_context=self.ssl_context, inner=self.network)
        return httpx.AsyncClient(transport=transport, trust_env=False)


async def _read_excerpt(response: httpx.Response) -> str:
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        chunks.append(chunk)
        size += len(chunk)
        if size >= _DETAIL_BODY_BYTES:
            break
    text = b"".join(chunks)[:_DETAIL_BODY_BYTES].decode("utf-8", "replace")
    return " ".join(text.split())


def classify_response(response: httpx.Response, excerpt: str, now: datetime) -> DeliveryOutcome:
    """Map a receiver's HTTP answer to a DeliveryOutcome."""
    code = response.status_code
    detail = f"HTTP {code}" + (f": {excerpt[:200]}" if excerpt else "")
    if 200 <= code < 300:
        return DeliveryOutcome.sent(detail)
    if 300 <= code < 400:
        location = response.headers.get("location", "(none)")
        return DeliveryOutcome.retry(f"HTTP {code} redirect to {location[:200]} not followed")
    if code == 410:
        return DeliveryOutcome.disabled("HTTP 410 Gone: the endpoint asked to be disabled")
    if code in (408, 429) or code >= 500:
        retry_after = parse_retry_after(response.headers.get("retry-after"), now)
        return DeliveryOutcome.retry(detail, retry_after_s=retry_after)
    return DeliveryOutcome.failed(detail)
