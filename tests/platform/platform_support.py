"""Helpers for the platform's own tests: events written through a real unit of work, row
counts, a system whose Kafka consumers rejoin the mock broker quickly, and publishers that
misbehave in the ways the relay must survive."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import httpx
from sqlalchemy import Table, func, insert, select

from assessment import contracts as assessment_contracts
from common.messaging.bus import (
    BusPublisher,
    BusSubscription,
    IncomingRecord,
    OutgoingMessage,
    topic_for,
)
from common.messaging.envelope import subject_for_case
from common.messaging.kafka.subscription import KafkaSubscription
from common.runtime import ServiceRuntime
from common.testing.kafka_broker import mock_kafka
from common.testing.waiting import eventually
from common.web import create_service_app
from mediation.cases.tables import mediation_case
from sendsys.services import SPECS
from tests.harness import LA, System, start_notifications

APPEALABLE = assessment_contracts.DECISION_APPEALABLE


def appealable(case_id: str | None = None) -> assessment_contracts.DecisionAppealableV1:
    return assessment_contracts.DecisionAppealableV1(
        case_id=case_id or str(uuid.uuid4()), decision_id=str(uuid.uuid4()),
        decision_kind="refuse_assessment", decided_on=date(2026, 3, 2),
        notified_on=date(2026, 3, 2),
        appellants=[assessment_contracts.AppellantV1(name="Ngozi Okafor",
                                                     email="ngozi@example.org")])


async def emit(runtime: ServiceRuntime, event_type: str, data: Any, *,
               case_id: str | None = None, la_code: str = LA) -> None:
    """Commit one event to `runtime`'s outbox through its unit of work."""
    case_id = case_id or getattr(data, "case_id", None) or str(uuid.uuid4())
    async with runtime.unit_of_work() as uow:
        uow.emit(event_type, data, subject=subject_for_case(case_id), la_code=la_code)
        await uow.commit()


async def emit_appealable(runtime: ServiceRuntime) -> str:
    """An appealable decision in assessment's outbox; returns its case id."""
    data = appealable()
    await emit(runtime, APPEALABLE, data)
    return data.case_id


async def put_raw_outbox_row(runtime: ServiceRuntime, payload: str,
                             event_type: str = "garbage", key: str = "case/x") -> None:
    """An outbox row written as-is (a poison message from a buggy or older producer)."""
    outbox = runtime.spec.tables.outbox
    async with runtime.unit_of_work() as uow:
        await uow.connection.execute(insert(outbox).values(
            event_id=str(uuid.uuid4()), event_type=event_type,
            topic=topic_for(runtime.spec.name), key=key, payload=payload,
            created_at=runtime.clock.now()))
        await uow.commit()


def cloud_event(event_type: str, data: dict[str, Any], *, source: str = "sendsys/assessment",
                event_id: str | None = None) -> str:
    return json.dumps({"specversion": "1.0", "id": event_id or str(uuid.uuid4()),
                       "type": event_type, "source": source, "subject": "case/x",
                       "time": "2026-03-02T09:00:00Z", "datacontenttype": "application/json",
                       "lacode": LA, "data": data})


async def count(runtime: ServiceRuntime, table: Table, *where: Any) -> int:
    async with runtime.engine.connect() as conn:
        return int(await conn.scalar(select(func.count()).select_from(table).where(*where))
                   or 0)


async def rows(runtime: ServiceRuntime, table: Table, *where: Any) -> list[dict[str, Any]]:
    async with runtime.engine.connect() as conn:
        result = await conn.execute(select(table).where(*where))
        return [dict(r) for r in result.mappings().all()]


async def mediation_cases(system: System, case_id: str | None = None) -> int:
    where = [mediation_case.c.case_id == case_id] if case_id else []
    return await count(system.runtimes["mediation"], mediation_case, *where)


async def fetch_at_least(subscription: BusSubscription, wanted: int,
                         wait_s: float = 30.0) -> list[IncomingRecord]:
    """Read from `subscription` (no commit) until at least `wanted` records came."""
    records: list[IncomingRecord] = []

    async def arrived() -> bool:
        records.extend(await subscription.fetch(max_records=100, timeout_ms=200))
        return len(records) >= wanted

    await eventually(arrived, timeout=wait_s, message=f"fewer than {wanted} records came")
    return records


async def backlog(runtime: ServiceRuntime) -> int:
    return (await runtime.relay.backlog())[0]


class QuickRejoinRuntime(ServiceRuntime):
    """A runtime whose Kafka consumer uses short group sessions: the mock broker keeps a
    member that left until its session times out, so a second subscription for the same
    group (a restarted consumer) joins after 3 s instead of 10 s."""

    def make_subscription(self):
        if self.settings.bus != "kafka":
            return super().make_subscription()
        return KafkaSubscription(
            self.settings.kafka_bootstrap_servers, group_id=f"sendsys.{self.spec.name}",
            topics=[topic_for(p) for p in self.spec.consumes_from],
            client_id=f"sendsys-{self.spec.name}", session_timeout_ms=3_000,
            heartbeat_interval_ms=1_000)


@dataclass
class PlatformSystem(System):
    """`System` over a chosen subset of services, built on `QuickRejoinRuntime`."""

    services: tuple[str, ...] = tuple(SPECS)
    runtimes: dict[str, ServiceRuntime] = field(default_factory=dict)

    async def start(self, *, background: bool = False) -> PlatformSystem:
        for name in self.services:
            runtime = QuickRejoinRuntime(SPECS[name](), self.settings, self.clock)
            app = create_service_app(runtime.spec, self.settings, self.clock, runtime=runtime)
            await runtime.start(background=background)
            if name == "notifications":
                start_notifications(runtime, self.notifications)
            self.runtimes[name] = runtime
            self.clients[name] = httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app), base_url=f"http://{name}.test")
        return self


@asynccontextmanager
async def running(system: System) -> AsyncIterator[System]:
    await system.start()
    try:
        yield system
    finally:
        await system.stop()


@asynccontextmanager
async def fresh_kafka() -> AsyncIterator[str]:
    """A mock Kafka cluster of the test's own: no groups, offsets or topics left over by
    other tests, and no lingering group members to wait for."""
    with mock_kafka() as bootstrap:
        yield bootstrap


class RecordingPublisher:
    """An embedded-style publisher (the outbox is the log) that remembers what it was given
    and accepts at most `accept` messages per call (None: all)."""

    def __init__(self, accept: int | None = None) -> None:
        self.accept = accept
        self.published: list[OutgoingMessage] = []

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        return None

    async def publish(self, messages: Sequence[OutgoingMessage]) -> int:
        taken = list(messages if self.accept is None else messages[:self.accept])
        self.published.extend(taken)
        return len(taken)

    async def ping(self) -> bool:
        return True


class CrashAfterPublish:
    """Publishes through `inner` (really, onto the bus) and then dies before the relay can
    mark the rows: the process crashed between publish and marking."""

    def __init__(self, inner: BusPublisher) -> None:
        self.inner = inner
        self.calls = 0

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        return None

    async def publish(self, messages: Sequence[OutgoingMessage]) -> int:
        self.calls += 1
        sent = await self.inner.publish(messages)
        assert sent == len(messages), "the broker should have taken the batch"
        raise RuntimeError("crashed after publishing, before marking")

    async def ping(self) -> bool:
        return await self.inner.ping()


