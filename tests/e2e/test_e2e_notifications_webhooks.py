"""Over the bus on Postgres: a health advice request published by assessment reaches the
ICB's subscribed endpoint as a signed webhook that the receiver verifies with the Standard
Webhooks algorithm (the independent `standardwebhooks` package); a receiver that fails
and then recovers gets exactly one successful delivery per event."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from standardwebhooks.webhooks import Webhook

from tests.harness import System
from tests.notifications.notifications_support import (
    advice_data,
    configure,
    deliveries,
    publish,
    receiver,
    subscribe,
)

ADVICE = "send.assessment.advice.requested.v1"


async def test_e2e_notifications_advice_request_signed_webhook(pg_system: System) -> None:
    configure(pg_system)
    async with receiver() as rec:
        endpoint = await subscribe(pg_system, rec.url)
        await publish(pg_system, "assessment", ADVICE, advice_data())

        async def received() -> bool:
            return bool(rec.requests)

        await pg_system.settle(received)
    [request] = rec.requests
    payload = Webhook(endpoint["secret"]).verify(request["body"], request["headers"])
    assert payload["type"] == ADVICE
    assert payload["data"]["recipient"]["org_code"] == "QWE"
    assert payload["data"]["due_on"] == "2026-04-13"


async def test_e2e_notifications_failing_then_recovering_receiver(pg_system: System) -> None:
    configure(pg_system)
    async with receiver([500] * 5) as rec:
        endpoint = await subscribe(pg_system, rec.url)
        for n in (1, 2, 3):
            await publish(pg_system, "assessment", ADVICE, advice_data(n=n))

        async def all_sent() -> bool:
            rows = await deliveries(pg_system, channel="webhook")
            if len(rows) == 3 and all(r["status"] == "sent" for r in rows):
                return True
            pg_system.clock.advance(timedelta(hours=6))  # let the backoff come due
            return False

        await pg_system.settle(all_sent)
    successes = Counter(r["headers"]["webhook-id"] for r in rec.requests[5:])
    assert len(successes) == 3 and set(successes.values()) == {1}
    for request in rec.requests:
        Webhook(endpoint["secret"]).verify(request["body"], request["headers"])
    order = [b["data"]["advice_request_id"] for b in rec.bodies()[5:]]
    assert order == ["adv-1", "adv-2", "adv-3"]


async def test_e2e_notifications_advice_webhook_on_sqlite(sqlite_system: System) -> None:
    await test_e2e_notifications_advice_request_signed_webhook(sqlite_system)
