"""The LA's personal budget policy reaches the local offer from the budgets service's
`send.budgets.policy.published.v1` over the bus (R7.4); redelivery changes nothing."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict
from sqlalchemy import select

from common.messaging.bus import IncomingRecord
from common.messaging.envelope import CloudEvent
from localoffer.policy.tables import budget_policy
from tests.harness import LA, OTHER_LA, System

PUBLISHED = "send.budgets.policy.published.v1"
POLICY_URL = f"/v1/local-offers/{LA}/personal-budget-policy"


class AnyData(BaseModel):
    model_config = ConfigDict(extra="allow")


def policy(version: int, **changes: Any) -> dict[str, Any]:
    return {"la_code": LA, "policy_id": "pb-2026", "version": version,
            "published_on": f"2026-0{version}-01",
            "summary": f"Version {version}: what personal budgets can pay for.",
            "url": "https://la201.example/personal-budgets", **changes}


async def publish_from_budgets(system: System, data: dict[str, Any]) -> None:
    runtime = system.runtimes["budgets"]
    async with runtime.unit_of_work() as uow:
        uow.emit(PUBLISHED, AnyData(**data), subject=f"policy/{data['policy_id']}",
                 la_code=data["la_code"])
        await uow.commit()


async def consume(system: System, event: CloudEvent, offset: int) -> str:
    consumer = system.runtimes["localoffer"].consumer
    assert consumer is not None
    return await consumer.process(IncomingRecord("send.budgets", 0, offset, None,
                                                 event.to_bytes()))


def envelope(data: dict[str, Any], event_id: str | None = None) -> CloudEvent:
    return CloudEvent(id=event_id or str(uuid.uuid4()), type=PUBLISHED,
                      source="sendsys/budgets", subject=f"policy/{data['policy_id']}",
                      time=datetime(2026, 3, 2, 9, 0, tzinfo=UTC), lacode=LA, data=data)


async def shown_rows(system: System) -> list[tuple[Any, ...]]:
    async with system.runtimes["localoffer"].engine.connect() as conn:
        rows = await conn.execute(select(budget_policy.c.la_code, budget_policy.c.version,
                                         budget_policy.c.event_id))
        return [tuple(r) for r in rows]


async def test_r7_4_published_policy_reaches_the_local_offer_over_the_bus(
        pg_system: System) -> None:
    client = pg_system.clients["localoffer"]
    assert (await client.get(POLICY_URL)).status_code == 404
    await publish_from_budgets(pg_system, policy(1))

    async def shown() -> bool:
        return (await client.get(POLICY_URL)).status_code == 200

    await pg_system.settle(shown)
    body = (await client.get(POLICY_URL)).json()
    assert body == {"la_code": LA, "policy_id": "pb-2026", "version": 1,
                    "published_on": "2026-01-01", "summary": policy(1)["summary"],
                    "url": "https://la201.example/personal-budgets"}
    assert (await client.get(f"/v1/local-offers/{OTHER_LA}/personal-budget-policy")
            ).status_code == 404


async def test_r7_4_redelivery_and_stale_versions_change_nothing(pg_system: System) -> None:
    first = envelope(policy(2))
    assert await consume(pg_system, first, 0) == "done"
    before = await shown_rows(pg_system)
    assert before == [(LA, 2, first.id)]

    assert await consume(pg_system, first, 0) == "duplicate"  # the same event again
    assert await consume(pg_system, envelope(policy(2)), 1) == "done"  # re-sent, new id
    assert await consume(pg_system, envelope(policy(1)), 2) == "done"  # older, late
    assert await shown_rows(pg_system) == before

    newer = envelope(policy(3, url=None))
    assert await consume(pg_system, newer, 3) == "done"
    assert await shown_rows(pg_system) == [(LA, 3, newer.id)]
    body = (await pg_system.clients["localoffer"].get(POLICY_URL)).json()
    assert body["version"] == 3 and body["url"] is None


async def test_r7_4_a_malformed_policy_event_is_dead_lettered(pg_system: System) -> None:
    bad = envelope({**policy(1), "la_code": "not-an-la"})
    assert await consume(pg_system, bad, 0) == "dead-lettered"
    other_la = envelope(policy(1, la_code=OTHER_LA))  # data for another LA than the envelope
    assert await consume(pg_system, other_la, 1) == "dead-lettered"
    assert await shown_rows(pg_system) == []
