"""Partner webhooks end to end inside the service: advice requests to the ICB's endpoints,
signed under Standard Webhooks, with timeouts, 410, redirects, 5xx + Retry-After, ordering
per endpoint, secret rotation, and replays. Real receivers on 127.0.0.1 (uvicorn)."""

from __future__ import annotations

import contextlib
from datetime import timedelta

from standardwebhooks.webhooks import Webhook

from common.clock import FixedClock
from notifications.delivery.worker import DeliveryWorker
from notifications.state import state_of
from tests.harness import TEAM_EMAIL, System
from tests.notifications.notifications_support import (
    advice_data,
    configure,
    consume,
    deliveries,
    envelope,
    receiver,
    send_due,
    subscribe,
)

ADVICE = "send.assessment.advice.requested.v1"


async def _advise(system: System, n: int = 1) -> None:
    assert await consume(system, envelope(ADVICE, advice_data(n=n)), offset=n) == "done"


async def test_notifications_webhook_signed_and_verified(pg_system: System) -> None:
    configure(pg_system)
    async with receiver() as rec:
        endpoint = await subscribe(pg_system, rec.url)
        await _advise(pg_system)
        assert await send_due(pg_system) == 1
    [request] = rec.requests
    payload = Webhook(endpoint["secret"]).verify(request["body"], request["headers"])
    assert payload["type"] == ADVICE
    assert payload["data"]["advice_request_id"] == "adv-1"
    [row] = await deliveries(pg_system)
    assert request["headers"]["webhook-id"] == row["id"] and row["status"] == "sent"


async def test_notifications_no_subscription_tells_the_la(pg_system: System) -> None:
    await _advise(pg_system)
    [row] = await deliveries(pg_system)
    assert (row["audience"], row["recipient"]) == ("la", TEAM_EMAIL)
    assert "no active webhook subscription" in row["body"]


async def test_notifications_webhook_fails_five_times_then_succeeds_once(
        pg_system: System) -> None:
    configure(pg_system)
    async with receiver([500, 500, (503, {"Retry-After": "120"}), 500, 500]) as rec:
        await subscribe(pg_system, rec.url)
        await _advise(pg_system)
        for _ in range(8):
            await send_due(pg_system)
            pg_system.clock.advance(timedelta(hours=6))
    [row] = await deliveries(pg_system)
    assert row["status"] == "sent" and row["attempts"] == 6, (len(rec.requests), row)
    assert len(rec.requests) == 6
    assert len({r["headers"]["webhook-id"] for r in rec.requests}) == 1


async def test_notifications_retry_after_is_honoured(pg_system: System) -> None:
    configure(pg_system)
    async with receiver([(429, {"Retry-After": "600"})]) as rec:
        await subscribe(pg_system, rec.url)
        await _advise(pg_system)
        start = pg_system.clock.now()
        await send_due(pg_system)
        [row] = await deliveries(pg_system)
        assert row["status"] == "retrying"
        assert row["next_attempt_at"] >= start + timedelta(seconds=600)
        pg_system.clock.advance(timedelta(seconds=300))
        assert await send_due(pg_system) == 0
    assert len(rec.requests) == 1


async def test_notifications_webhook_timeout_is_retried(pg_system: System) -> None:
    configure(pg_system, webhook_timeout_s=0.3)
    async with receiver(["slow"]) as rec:
        await subscribe(pg_system, rec.url)
        await _advise(pg_system)
        await send_due(pg_system)
        [row] = await deliveries(pg_system)
        assert row["status"] == "retrying" and "timeout" in row["last_error"]
        pg_system.clock.advance(timedelta(seconds=10))
        await send_due(pg_system)
    [row] = await deliveries(pg_system)
    assert row["status"] == "sent"


async def test_notifications_410_disables_the_endpoint(pg_system: System) -> None:
    configure(pg_system)
    async with receiver([410]) as rec:
        endpoint = await subscribe(pg_system, rec.url)
        await _advise(pg_system, 1)
        await send_due(pg_system)
    [row] = await deliveries(pg_system, channel="webhook")
    assert row["status"] == "failed" and "410" in row["last_error"]
    got = await pg_system.clients["notifications"].get(
        f"/v1/webhooks/{endpoint['id']}", headers=pg_system.token("health", org="QWE"))
    assert got.json()["status"] == "disabled"
    failed = await pg_system.outbox_events("notifications",
                                           "send.notifications.delivery.failed.v1")
    assert len(failed) == 1
    await _advise(pg_system, 2)  # a disabled endpoint gets nothing; the LA is told
    later = await deliveries(pg_system, event_type=ADVICE, audience="la")
    assert any("no active webhook subscription" in r["body"] for r in later)


async def test_notifications_redirect_is_not_followed(pg_system: System) -> None:
    configure(pg_system)
    async with receiver(["redirect"]) as rec:
        await subscribe(pg_system, rec.url)
        await _advise(pg_system)
        await send_due(pg_system)
    [row] = await deliveries(pg_system)
    assert row["status"] == "retrying" and "redirect" in row["last_error"]
    assert rec.redirected == []


async def test_notifications_per_endpoint_ordering(pg_system: System) -> None:
    configure(pg_system)
    async with receiver([500]) as rec:
        await subscribe(pg_system, rec.url)
        for n in (1, 2, 3):
            await _advise(pg_system, n)
        assert await send_due(pg_system) == 1  # the first fails; the others wait behind it
        pg_system.clock.advance(timedelta(seconds=10))
        for _ in range(3):
            await send_due(pg_system)
    order = [b["data"]["advice_request_id"] for b in rec.bodies()]
    assert order == ["adv-1", "adv-1", "adv-2", "adv-3"]


async def test_notifications_rotation_signs_with_both_secrets(pg_system: System) -> None:
    configure(pg_system)
    partner = pg_system.token("health", org="QWE")
    async with receiver() as rec:
        endpoint = await subscribe(pg_system, rec.url)
        rotated = await pg_system.clients["notifications"].post(
            f"/v1/webhooks/{endpoint['id']}/rotate-secret", headers=partner)
        assert rotated.status_code == 200, rotated.text
        await _advise(pg_system, 1)
        await send_due(pg_system)
        pg_system.clock.advance(timedelta(days=2))
        await _advise(pg_system, 2)
        await send_due(pg_system)
    first, second = rec.requests
    assert len(first["headers"]["webhook-signature"].split()) == 2
    for secret in (endpoint["secret"], rotated.json()["secret"]):
        Webhook(secret).verify(first["body"], first["headers"])
    assert len(second["headers"]["webhook-signature"].split()) == 1
    Webhook(rotated.json()["secret"]).verify(second["body"], second["headers"])


async def test_notifications_replay_one_and_a_range(pg_system: System) -> None:
    configure(pg_system)
    partner = pg_system.token("health", org="QWE")
    client = pg_system.clients["notifications"]
    async with receiver() as rec:
        endpoint = await subscribe(pg_system, rec.url)
        await _advise(pg_system, 1)
        await _advise(pg_system, 2)
        await send_due(pg_system)
        listed = (await client.get(f"/v1/webhooks/{endpoint['id']}/deliveries",
                                   headers=partner)).json()
        assert listed["total"] == 2
        one = listed["items"][0]["id"]
        replayed = await client.post(f"/v1/webhooks/{endpoint['id']}/deliveries/{one}/replay",
                                     headers=partner)
        assert replayed.json() == {"queued": 1}
        await send_due(pg_system)
        since = (pg_system.clock.now() - timedelta(minutes=1)).isoformat()
        until = (pg_system.clock.now() + timedelta(minutes=1)).isoformat()
        ranged = await client.post(f"/v1/webhooks/{endpoint['id']}/replay", headers=partner,
                                   json={"since": since, "until": until, "only_failed": False})
        assert ranged.json() == {"queued": 2}
        await send_due(pg_system)
        other = pg_system.token("health", org="ZZZ")
        assert (await client.post(f"/v1/webhooks/{endpoint['id']}/deliveries/{one}/replay",
                                  headers=other)).status_code == 404
    ids = [r["headers"]["webhook-id"] for r in rec.requests]
    assert len(ids) == 5 and ids.count(one) == 3


async def test_notifications_worker_dying_mid_send_resends_with_the_same_id(
        pg_system: System, fixed_clock: FixedClock, monkeypatch) -> None:
    """Issue 11 item 1: the claim (status `sending`, attempt 1, a lease) is committed before
    the receiver is called. A worker that dies after the receiver got the message leaves
    the claim; nobody sends it again while the lease holds; once it runs out the delivery
    goes again with the same webhook-id, and the resend is counted."""
    own = configure(pg_system, claim_lease_s=60)
    runtime = pg_system.runtimes["notifications"]
    real = DeliveryWorker._record
    calls = {"n": 0}

    async def dying(self, claimed, outcome):
        calls["n"] += 1
        if calls["n"] == 1:
            raise ConnectionError("worker died")  # the process is gone before it records
        return await real(self, claimed, outcome)

    monkeypatch.setattr(DeliveryWorker, "_record", dying)
    async with receiver() as rec:
        await subscribe(pg_system, rec.url)
        await _advise(pg_system)
        with contextlib.suppress(ConnectionError):
            await send_due(pg_system)
        [row] = await deliveries(pg_system)
        assert (row["status"], row["attempts"]) == ("sending", 1)
        assert await send_due(pg_system) == 0  # the lease holds: no second send
        fixed_clock.advance(timedelta(seconds=own.claim_lease_s + 1))
        await send_due(pg_system)
    [row] = await deliveries(pg_system)
    assert (row["status"], row["attempts"]) == ("sent", 2)
    assert [r["headers"]["webhook-id"] for r in rec.requests] == [row["id"]] * 2
    assert state_of(runtime).resends == 1


async def test_notifications_mediation_request_goes_to_the_commissioning_body(
        pg_system: System) -> None:
    configure(pg_system)
    requested = "send.mediation.requested.v1"
    data = {"mediation_case_id": "m-1", "case_id": "c-1", "requested_on": "2026-04-20",
            "must_take_place_by": "2026-05-20", "parties": ["la", "ccg"]}
    async with receiver() as rec:
        endpoint = await subscribe(pg_system, rec.url, [requested, ADVICE])
        assert endpoint["event_types"] == [ADVICE, requested]
        await consume(pg_system, envelope(requested, data | {
            "commissioning_body": {"org_code": "QWE", "name": "NHS Example ICB"}}), offset=1)
        await consume(pg_system, envelope(requested, data), offset=2)  # no health party
        await send_due(pg_system)
    assert [b["type"] for b in rec.bodies()] == [requested]
    assert len(await deliveries(pg_system)) == 1


async def test_notifications_setting_agreement_goes_to_the_school_by_urn(
        pg_system: System) -> None:
    configure(pg_system)
    agreement = "send.budgets.setting_agreement.requested.v1"
    async with receiver() as rec:
        response = await pg_system.clients["notifications"].post(
            "/v1/webhooks", headers=pg_system.token("provider", org="123456"),
            json={"url": rec.url, "event_types": [agreement]})
        assert response.status_code == 201, response.text
        await consume(pg_system, envelope(agreement, {
            "case_id": "c-1", "requested_on": "2026-06-01",
            "setting": {"name": "Oak Primary School", "urn": "123456"}}), offset=1)
        await send_due(pg_system)
    [body] = rec.bodies()
    assert body["data"]["setting"]["urn"] == "123456"
    Webhook(response.json()["secret"]).verify(rec.requests[0]["body"], rec.requests[0]["headers"])


async def test_notifications_a_slow_endpoint_does_not_hold_up_others(
        pg_system: System, smtp_server) -> None:
    """Lanes run concurrently: a receiver that times out delays only its own deliveries."""
    configure(pg_system, webhook_timeout_s=0.5)
    async with receiver(["slow"]) as slow, receiver() as fast:
        slow.slow_s = 1.0
        await subscribe(pg_system, slow.url, org="QWE")
        await subscribe(pg_system, fast.url, org="ABC")
        await _advise(pg_system, 1)
        await consume(pg_system, envelope(ADVICE, advice_data(org="ABC", n=2)), offset=2)
        assert await send_due(pg_system) == 2
    statuses = {r["endpoint_id"] is not None and r["status"] for r in await deliveries(pg_system)}
    assert statuses == {"sent", "retrying"}
    assert len(fast.requests) == 1
    assert abs(fast.requests[0]["at"] - slow.requests[0]["at"]) < 0.4  # not one after another
