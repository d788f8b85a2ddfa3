"""Issue 11 item 8: a webhook endpoint belongs to (LA, partner role, organisation). A
provider whose organisation code equals an ICB's can neither see nor change the ICB's
endpoint, nor receive its events; partners see a delivery's status, never the receiver's
answer."""

from __future__ import annotations

from typing import Any

import pytest

from tests.harness import OTHER_LA, System
from tests.notifications.notifications_support import (
    ICB,
    advice_data,
    configure,
    consume,
    envelope,
    receiver,
    send_due,
    subscribe,
)

ADVICE = "send.assessment.advice.requested.v1"


@pytest.mark.parametrize(("method", "path"), [
    ("GET", ""), ("POST", "/enable"), ("DELETE", ""), ("POST", "/rotate-secret"),
    ("GET", "/deliveries"),
])
@pytest.mark.parametrize(("roles", "la", "status"), [
    (("health",), None, None),  # the owner
    (("provider",), None, 404),  # same org code, other role
    (("health",), OTHER_LA, 404),  # same org, other LA
])
async def test_endpoint_reached_only_by_its_owner(
        pg_system: System, method: str, path: str, roles: tuple[str, ...], la: str | None,
        status: int | None) -> None:
    configure(pg_system)
    async with receiver() as rec:
        endpoint = await subscribe(pg_system, rec.url)
        other_la: dict[str, Any] = {"la": la} if la else {}
        headers = pg_system.token(*roles, org=ICB, **other_la)
        response = await pg_system.clients["notifications"].request(
            method, f"/v1/webhooks/{endpoint['id']}{path}", headers=headers)
    if status is None:
        assert response.status_code < 300, response.text
    else:
        assert response.status_code == status, response.text


async def test_same_org_code_provider_lists_nothing_and_receives_nothing(
        pg_system: System) -> None:
    configure(pg_system)
    async with receiver() as icb, receiver() as provider:
        await subscribe(pg_system, icb.url)
        client = pg_system.clients["notifications"]
        response = await client.post("/v1/webhooks", headers=pg_system.token(
            "provider", org=ICB), json={"url": provider.url, "event_types": [ADVICE]})
        assert response.status_code == 201, response.text
        listed = await client.get("/v1/webhooks", headers=pg_system.token("provider", org=ICB))
        assert [e["id"] for e in listed.json()] == [response.json()["id"]]
        await consume(pg_system, envelope(ADVICE, advice_data()), offset=1)
        await send_due(pg_system)
    assert len(icb.requests) == 1 and provider.requests == []


async def test_partner_sees_status_not_the_receivers_answer(pg_system: System) -> None:
    configure(pg_system)
    async with receiver([(500, {"X-Reason": "db down"})]) as rec:
        endpoint = await subscribe(pg_system, rec.url)
        await consume(pg_system, envelope(ADVICE, advice_data()), offset=1)
        await send_due(pg_system)
    response = await pg_system.clients["notifications"].get(
        f"/v1/webhooks/{endpoint['id']}/deliveries", headers=pg_system.token("health", org=ICB))
    [item] = response.json()["items"]
    assert item["status"] == "retrying"
    assert "last_error" not in item and "busy" not in response.text
    assert "recipient" not in item
    staff = await pg_system.clients["notifications"].get(
        "/v1/deliveries", headers=pg_system.token("la_manager"), params={"channel": "webhook"})
    assert "HTTP 500" in staff.json()["items"][0]["last_error"]  # the LA still sees it
