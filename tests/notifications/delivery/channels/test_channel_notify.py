"""The Notify adapter against a local stand-in of GOV.UK Notify (notify_stand_in): the
stand-in checks the bearer JWT (HS256 with the key's secret, iss = service id, iat within
30 s) and the bodies as Notify does, and answers with Notify's error shapes. The token is
also checked with notifications-python-client's own decoder, so it is what the official
client sends."""

from __future__ import annotations

import time
import uuid

import httpx
import jwt
import pytest
from notifications_python_client.authentication import decode_jwt_token, get_token_issuer

from notifications.delivery.channels.notify import NotifyClient, parse_api_key
from tests.notifications.delivery.channels.notify_stand_in import (
    RATE_LIMITED,
    SERVER_ERROR,
    NotifyService,
    NotifyStandIn,
)

SERVICE_ID = "26785a09-ab16-4eb0-8407-a37497a57506"
SECRET = "3d844edf-8d35-48ac-975b-e847b4f122b0"
API_KEY = f"sendsys_test-{SERVICE_ID}-{SECRET}"


def council() -> NotifyService:
    return NotifyService("sendsys_test", SERVICE_ID, SECRET)


@pytest.fixture
async def stand_in(serve_app, http_client,
                   ) -> tuple[NotifyClient, NotifyStandIn, NotifyService]:
    service = council()
    stand_in = NotifyStandIn([service])
    base = await serve_app(stand_in.app())
    return NotifyClient(API_KEY, base, http_client), stand_in, service


def test_api_key_is_split_like_the_official_client() -> None:
    assert parse_api_key(API_KEY) == (SERVICE_ID, SECRET)
    with pytest.raises(ValueError, match="two UUIDs") as caught:
        parse_api_key("not-a-key-" + "x" * 80)
    assert "x" * 10 not in str(caught.value)  # the key is never echoed


async def test_email_is_sent_with_the_notify_body_shape(stand_in) -> None:
    client, fake, service = stand_in
    template = service.add("email", "Appeal by ((appeal_by)).", "Certificate ((certificate_no))")
    delivery_id = uuid.uuid4()

    outcome = await client.send_email(
        "parent@example.org", template,
        {"certificate_no": "MC-1", "appeal_by": "4 December 2026"}, delivery_id)

    assert outcome.status == "sent", outcome.detail
    (sent,) = fake.sent
    assert outcome.provider_ref == sent["id"]
    assert {k: sent[k] for k in ("email_address", "template_id", "personalisation",
                                 "reference")} == {
        "email_address": "parent@example.org", "template_id": template,
        "personalisation": {"certificate_no": "MC-1", "appeal_by": "4 December 2026"},
        "reference": str(delivery_id)}
    assert sent["content"] == {"subject": "Certificate MC-1", "body": "Appeal by 4 December 2026."}


async def test_the_token_is_what_the_official_client_accepts(stand_in) -> None:
    client, _, _ = stand_in
    token = client.token()
    assert get_token_issuer(token) == SERVICE_ID
    assert decode_jwt_token(token, SECRET)  # raises TokenError if not


async def test_sms_is_sent(stand_in) -> None:
    client, fake, service = stand_in
    template = service.add("sms", "((body))")
    outcome = await client.send_sms("07700900123", template, {"body": "Due soon"},
                                    str(uuid.uuid4()))
    assert outcome.status == "sent", outcome.detail
    assert fake.sent[0]["phone_number"] == "07700900123"
    assert fake.sent[0]["content"] == {"body": "Due soon"}


async def test_reference_must_not_carry_personal_data(stand_in) -> None:
    client, fake, service = stand_in
    template = service.add("email", "((body))", "((subject))")
    for reference in ("parent@example.org", "Jane Smith", "07700900123"):
        with pytest.raises(ValueError, match="delivery id"):
            await client.send_email("parent@example.org", template, {}, reference)
    assert fake.requests == []


@pytest.mark.parametrize(("kind", "personalisation", "expected"), [
    ("unknown", {}, "BadRequestError: Template not found"),
    ("sms", {"body": "x"}, "BadRequestError: sms template is not suitable for email"),
    ("email", {"subject": "s"}, "BadRequestError: Missing personalisation: body"),
])
async def test_notify_refusals_fail_with_notify_error_detail(
        stand_in, kind: str, personalisation: dict[str, str], expected: str) -> None:
    client, _, service = stand_in
    template = str(uuid.uuid4()) if kind == "unknown" else service.add(
        kind, "((body))", "((subject))" if kind == "email" else "")
    outcome = await client.send_email("p@example.org", template, personalisation, uuid.uuid4())
    assert outcome.status == "failed"
    assert expected in outcome.detail
    assert outcome.detail.startswith("Notify HTTP 400")


async def test_a_template_of_another_notify_service_is_not_found(serve_app, http_client) -> None:
    """Notify templates belong to one service: a second council's id is "not found"."""
    ours, theirs = council(), NotifyService("other_council")
    base = await serve_app(NotifyStandIn([ours, theirs]).app())
    client = NotifyClient(API_KEY, base, http_client)
    outcome = await client.send_email("p@example.org", theirs.add("email", "((body))"),
                                      {"body": "b"}, uuid.uuid4())
    assert outcome.status == "failed" and "Template not found" in outcome.detail


async def test_bad_key_gets_403_and_fails(serve_app, http_client) -> None:
    base = await serve_app(NotifyStandIn([council()]).app())
    wrong = NotifyClient(f"k-{SERVICE_ID}-{uuid.uuid4()}", base, http_client)
    outcome = await wrong.send_email("p@example.org", str(uuid.uuid4()), {}, uuid.uuid4())
    assert outcome.status == "failed"
    assert "403" in outcome.detail and "API key not found" in outcome.detail


@pytest.mark.parametrize("skew_s", [-120, -31, 31, 120])
async def test_a_token_outside_30_seconds_is_refused(serve_app, http_client,
                                                     skew_s: int) -> None:
    service = council()
    template = service.add("email", "((body))")
    base = await serve_app(NotifyStandIn([service]).app())
    skewed = NotifyClient(API_KEY, base, http_client, clock=lambda: time.time() + skew_s)
    outcome = await skewed.send_email("p@example.org", template, {"body": "b"}, uuid.uuid4())
    assert outcome.status == "failed"
    assert "AuthError: Error: Your system clock must be accurate to within 30 seconds" \
        in outcome.detail


async def test_the_stand_in_refuses_what_notify_refuses(serve_app, http_client) -> None:
    """The stand-in itself: no token 401, another algorithm 403, a bad body 400."""
    service = council()
    template = service.add("email", "((body))")
    base = await serve_app(NotifyStandIn([service]).app())
    url = f"{base}/v2/notifications/email"
    body = {"email_address": "p@example.org", "template_id": template,
            "personalisation": {"body": "b"}}
    none = await http_client.post(url, json=body)
    assert none.status_code == 401 and none.json()["errors"][0]["error"] == "AuthError"
    hs512 = jwt.encode({"iss": SERVICE_ID, "iat": int(time.time())}, SECRET, algorithm="HS512")
    refused = await http_client.post(url, json=body,
                                     headers={"Authorization": f"Bearer {hs512}"})
    assert refused.status_code == 403
    assert refused.json()["errors"][0]["message"] == \
        "Invalid token: algorithm used is not HS256"
    client = NotifyClient(API_KEY, base, http_client)
    auth = {"Authorization": f"Bearer {client.token()}"}
    for bad, message in (({**body, "email_address": "nope"}, "Not a valid email address"),
                         ({**body, "colour": "red"}, "Additional properties are not allowed"),
                         ({k: v for k, v in body.items() if k != "template_id"},
                          "template_id is a required property")):
        answer = await http_client.post(url, json=bad, headers=auth)
        assert answer.status_code == 400
        assert answer.json()["status_code"] == 400
        assert message in answer.json()["errors"][0]["message"]


async def test_429_retries_honouring_retry_after(stand_in) -> None:
    client, _, _ = stand_in
    outcome = await client.send_sms("07700900123", RATE_LIMITED, {}, uuid.uuid4())
    assert outcome.status == "retry"
    assert outcome.retry_after_s == 30


async def test_500_retries(stand_in) -> None:
    client, _, _ = stand_in
    outcome = await client.send_email("p@example.org", SERVER_ERROR, {}, uuid.uuid4())
    assert outcome.status == "retry"


async def test_unreachable_notify_retries() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    async with httpx.AsyncClient(transport=httpx.MockTransport(refuse)) as http:
        client = NotifyClient(API_KEY, "https://api.notifications.service.gov.uk", http)
        outcome = await client.send_email("p@example.org", str(uuid.uuid4()), {},
                                          uuid.uuid4())
    assert outcome.status == "retry"
