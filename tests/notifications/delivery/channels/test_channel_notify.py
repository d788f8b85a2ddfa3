"""The Notify adapter against a local stand-in of GOV.UK Notify's API shape.

The stand-in checks the bearer JWT with notifications-python-client's own decoder (so
the token is what the official client would send) and the JSON body's fields.
"""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from notifications_python_client.authentication import decode_jwt_token, get_token_issuer
from notifications_python_client.errors import TokenError

from notifications.delivery.channels.notify import NotifyClient, parse_api_key

SERVICE_ID = "26785a09-ab16-4eb0-8407-a37497a57506"
SECRET = "3d844edf-8d35-48ac-975b-e847b4f122b0"
API_KEY = f"sendsys_test-{SERVICE_ID}-{SECRET}"
TEMPLATE = "f33517ff-2a88-4f6e-b855-c550268ce08a"
FAIL_400 = "00000000-0000-4000-8000-000000000400"
RATE_429 = "00000000-0000-4000-8000-000000000429"
DOWN_500 = "00000000-0000-4000-8000-000000000500"


def _error(status: int, error: str, message: str, headers: dict[str, str] | None = None):
    return JSONResponse(
        {"status_code": status, "errors": [{"error": error, "message": message}]},
        status_code=status,
        headers=headers,
    )


def notify_stand_in(received: list[dict[str, Any]]) -> FastAPI:
    app = FastAPI()
    keys = {SERVICE_ID: SECRET}

    async def accept(request: Request, kind: str, contact_field: str) -> JSONResponse:
        auth = request.headers.get("authorization", "")
        if not auth.startswith("Bearer "):
            return _error(401, "AuthError", "Unauthorized: authentication token must be provided")
        token = auth.removeprefix("Bearer ")
        try:
            issuer = get_token_issuer(token)
            decode_jwt_token(token, keys[issuer])
        except (TokenError, KeyError):
            return _error(403, "AuthError", "Invalid token: API key not found")
        body = await request.json()
        received.append({"kind": kind, "issuer": issuer, **body})
        missing = {contact_field, "template_id"} - body.keys()
        if missing:
            return _error(400, "ValidationError", f"{sorted(missing)[0]} is a required property")
        template_id = body["template_id"]
        if template_id == FAIL_400:
            return _error(400, "BadRequestError", "Template not found")
        if template_id == RATE_429:
            return _error(429, "RateLimitError", "Exceeded rate limit", {"Retry-After": "30"})
        if template_id == DOWN_500:
            return _error(500, "Exception", "Internal server error")
        notification_id = str(uuid.uuid4())
        return JSONResponse(
            {
                "id": notification_id,
                "reference": body.get("reference"),
                "content": {"body": "rendered", "subject": "subject"}
                if kind == "email"
                else {"body": "rendered"},
                "uri": f"https://api.notifications.service.gov.uk/v2/notifications/{notification_id}",
                "template": {"id": template_id, "version": 1, "uri": "https://.../template"},
            },
            status_code=201,
        )

    @app.post("/v2/notifications/email")
    async def email(request: Request) -> JSONResponse:
        return await accept(request, "email", "email_address")

    @app.post("/v2/notifications/sms")
    async def sms(request: Request) -> JSONResponse:
        return await accept(request, "sms", "phone_number")

    return app


@pytest.fixture
async def notify(serve_app, http_client) -> tuple[NotifyClient, list[dict[str, Any]]]:
    received: list[dict[str, Any]] = []
    base = await serve_app(notify_stand_in(received))
    return NotifyClient(API_KEY, base, http_client), received


def test_api_key_is_split_like_the_official_client() -> None:
    assert parse_api_key(API_KEY) == (SERVICE_ID, SECRET)
    with pytest.raises(ValueError, match="two UUIDs") as caught:
        parse_api_key("not-a-key-" + "x" * 80)
    assert "x" * 10 not in str(caught.value)  # the key is never echoed


async def test_email_is_sent_with_the_notify_body_shape(notify) -> None:
    client, received = notify
    delivery_id = uuid.uuid4()

    outcome = await client.send_email(
        "parent@example.org",
        TEMPLATE,
        {"certificate_no": "MC-1", "appeal_by": "4 December 2026"},
        delivery_id,
    )

    assert outcome.status == "sent", outcome.detail
    uuid.UUID(outcome.provider_ref or "")
    (body,) = received
    assert body == {
        "kind": "email",
        "issuer": SERVICE_ID,
        "email_address": "parent@example.org",
        "template_id": TEMPLATE,
        "personalisation": {"certificate_no": "MC-1", "appeal_by": "4 December 2026"},
        "reference": str(delivery_id),
    }


async def test_sms_is_sent(notify) -> None:
    client, received = notify
    outcome = await client.send_sms("07700900123", TEMPLATE, {"due_on": "x"}, str(uuid.uuid4()))
    assert outcome.status == "sent"
    assert received[0]["phone_number"] == "07700900123"
    assert received[0]["kind"] == "sms"


async def test_reference_must_not_carry_personal_data(notify) -> None:
    client, received = notify
    for reference in ("parent@example.org", "Jane Smith", "07700900123"):
        with pytest.raises(ValueError, match="delivery id"):
            await client.send_email("parent@example.org", TEMPLATE, {}, reference)
    assert received == []


async def test_400_fails_with_notify_error_detail(notify) -> None:
    client, _ = notify
    outcome = await client.send_email("p@example.org", FAIL_400, {}, uuid.uuid4())
    assert outcome.status == "failed"
    assert "BadRequestError: Template not found" in outcome.detail


async def test_bad_key_gets_403_and_fails(serve_app, http_client) -> None:
    base = await serve_app(notify_stand_in([]))
    wrong = NotifyClient(f"k-{SERVICE_ID}-{uuid.uuid4()}", base, http_client)
    outcome = await wrong.send_email("p@example.org", TEMPLATE, {}, uuid.uuid4())
    assert outcome.status == "failed"
    assert "403" in outcome.detail


async def test_stale_token_is_refused_by_notify(serve_app, http_client) -> None:
    import time

    base = await serve_app(notify_stand_in([]))
    stale = NotifyClient(API_KEY, base, http_client, clock=lambda: time.time() - 120)
    outcome = await stale.send_email("p@example.org", TEMPLATE, {}, uuid.uuid4())
    assert outcome.status == "failed" and "403" in outcome.detail


async def test_429_retries_honouring_retry_after(notify) -> None:
    client, _ = notify
    outcome = await client.send_sms("07700900123", RATE_429, {}, uuid.uuid4())
    assert outcome.status == "retry"
    assert outcome.retry_after_s == 30


async def test_500_retries(notify) -> None:
    client, _ = notify
    outcome = await client.send_email("p@example.org", DOWN_500, {}, uuid.uuid4())
    assert outcome.status == "retry"


async def test_unreachable_notify_retries() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    async with httpx.AsyncClient(transport=httpx.MockTransport(refuse)) as http:
        client = NotifyClient(API_KEY, "https://api.notifications.service.gov.uk", http)
        outcome = await client.send_email("p@example.org", TEMPLATE, {}, uuid.uuid4())
    assert outcome.status == "retry"
