"""GOV.UK Notify over its REST API (the shape of notifications-python-client), async.

An API key looks like ``{key_name}-{service_id}-{secret}``: the last 73 characters are
two UUIDs, the service id and the signing secret. Each request carries a fresh JWT
(HS256; claims ``iss`` = service id, ``iat`` = now in epoch seconds) as a bearer token.

``reference`` is stored by Notify and shown in its dashboard, so it must carry no
personal data: pass the delivery id (a UUID); anything else is refused.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

import httpx
import jwt

from notifications.delivery.channels.outcome import DeliveryOutcome
from notifications.delivery.channels.retry import parse_retry_after

#: Notify's production API; pass it (or a stand-in's URL) as ``base_url``
DEFAULT_BASE_URL = "https://api.notifications.service.gov.uk"
USER_AGENT = "sendsys-notifications"


def parse_api_key(api_key: str) -> tuple[str, str]:
    """(service_id, secret) from a Notify API key; ValueError (without the key) if malformed."""
    service_id, secret = api_key[-73:-37], api_key[-36:]
    try:
        uuid.UUID(service_id)
        uuid.UUID(secret)
    except ValueError:
        raise ValueError("a Notify API key ends with two UUIDs: service id and secret") from None
    if api_key[-37] != "-":
        raise ValueError("a Notify API key ends with two UUIDs: service id and secret")
    return service_id, secret


def _checked_reference(reference: str | uuid.UUID) -> str:
    try:
        return str(uuid.UUID(str(reference)))
    except ValueError:
        raise ValueError(
            "reference must be the delivery id (a UUID), never personal data"
        ) from None


class NotifyClient:
    """Sends email and SMS through GOV.UK Notify; returns a DeliveryOutcome per message.

    201 is sent (``provider_ref`` is Notify's notification id); 400 and 403 fail
    (bad request, or a bad/revoked key); 429 and 5xx are retried honouring Retry-After;
    timeouts and connection errors are retried.
    """

    def __init__(
        self,
        api_key: str,
        base_url: str,
        client: httpx.AsyncClient,
        *,
        timeout_s: float = 30,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.service_id, self._secret = parse_api_key(api_key)
        self.base_url = base_url.rstrip("/")
        self.client = client
        self.timeout_s = timeout_s
        self._clock = clock

    def token(self) -> str:
        claims = {"iss": self.service_id, "iat": int(self._clock())}
        return jwt.encode(claims, self._secret, algorithm="HS256", headers={"typ": "JWT"})

    async def send_email(
        self,
        email_address: str,
        template_id: str,
        personalisation: Mapping[str, Any],
        reference: str | uuid.UUID,
        email_reply_to_id: str | None = None,
    ) -> DeliveryOutcome:
        payload: dict[str, Any] = {
            "email_address": email_address,
            "template_id": template_id,
            "personalisation": dict(personalisation),
            "reference": _checked_reference(reference),
        }
        if email_reply_to_id:
            payload["email_reply_to_id"] = email_reply_to_id
        return await self._post("/v2/notifications/email", payload)

    async def send_sms(
        self,
        phone_number: str,
        template_id: str,
        personalisation: Mapping[str, Any],
        reference: str | uuid.UUID,
        sms_sender_id: str | None = None,
    ) -> DeliveryOutcome:
        payload: dict[str, Any] = {
            "phone_number": phone_number,
            "template_id": template_id,
            "personalisation": dict(personalisation),
            "reference": _checked_reference(reference),
        }
        if sms_sender_id:
            payload["sms_sender_id"] = sms_sender_id
        return await self._post("/v2/notifications/sms", payload)

    async def _post(self, path: str, payload: dict[str, Any]) -> DeliveryOutcome:
        headers = {
            "Authorization": f"Bearer {self.token()}",
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
        }
        try:
            response = await self.client.post(
                self.base_url + path, json=payload, headers=headers, timeout=self.timeout_s
            )
        except httpx.TimeoutException as exc:
            return DeliveryOutcome.retry(f"Notify timeout ({type(exc).__name__})")
        except httpx.TransportError as exc:
            return DeliveryOutcome.retry(f"Notify connection error: {type(exc).__name__}")
        return self._classify(response)

    def _classify(self, response: httpx.Response) -> DeliveryOutcome:
        code = response.status_code
        detail = f"Notify HTTP {code}: {_error_summary(response)}"
        if 200 <= code < 300:
            ref = _json(response).get("id")
            if not ref:
                return DeliveryOutcome.retry(f"Notify HTTP {code} without a notification id")
            return DeliveryOutcome.sent(f"accepted by Notify (HTTP {code})", provider_ref=str(ref))
        if code == 429 or code >= 500:
            now = datetime.fromtimestamp(self._clock(), UTC)
            retry_after = parse_retry_after(response.headers.get("retry-after"), now)
            return DeliveryOutcome.retry(detail, retry_after_s=retry_after)
        return DeliveryOutcome.failed(detail)


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _error_summary(response: httpx.Response) -> str:
    """Notify's errors: {"status_code": 400, "errors": [{"error": ..., "message": ...}]}."""
    errors = _json(response).get("errors")
    if isinstance(errors, list) and errors:
        parts = [
            f"{e.get('error', '?')}: {e.get('message', '')}" for e in errors if isinstance(e, dict)
        ]
        return "; ".join(parts)[:300]
    return response.reason_phrase or "no detail"
