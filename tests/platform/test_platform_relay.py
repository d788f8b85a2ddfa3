"""The outbox relay: id order, prefix marking, one active relay per service (Postgres
advisory lock), the broker down for a while, and a crash between publish and marking."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable

from sqlalchemy import select, update

from common.clock import FixedClock
from common.db.engine import create_engine_for
from common.messaging.consumer import Handler
from common.messaging.envelope import CloudEvent
from common.messaging.kafka.publisher import KafkaPublisher
from common.messaging.relay import OutboxRelay
from common.runtime import ServiceRuntime
from common.testing.waiting import eventually
from tests.harness import System
from tests.harness import test_settings as settings_for
from tests.platform.platform_support import (
    APPEALABLE,
    CrashAfterPublish,
    PlatformSystem,
    RecordingPublisher,
    backlog,
    count,
    emit_appealable,
    fetch_at_least,
    fresh_kafka,
    mediation_cases,
    running,
)

WAIT_S = 30.0


async def published_seqs(runtime: ServiceRuntime) -> list[int | None]:
    outbox = runtime.spec.tables.outbox
    async with runtime.engine.connect() as conn:
        return list((await conn.execute(select(outbox.c.published_seq)
                                        .order_by(outbox.c.id))).scalars())


def count_handler_calls(runtime: ServiceRuntime, event_type: str) -> list[str]:
    """Wrap the consumer's handler to record each event id it is actually run for."""
    assert runtime.consumer is not None
    original = runtime.consumer.handlers[event_type]
    calls: list[str] = []

    async def counted(uow, event: CloudEvent, data) -> None:
        calls.append(event.id)
        await original.fn(uow, event, data)

    runtime.consumer.handlers[event_type] = Handler(original.model, counted)
    return calls


async def test_relay_publishes_in_id_order_and_marks_only_the_accepted_prefix(
        pg_system: System) -> None:
    assessment = pg_system.runtimes["assessment"]
    for _ in range(5):
        await emit_appealable(assessment)
    outbox_ids = [r for r in await _ids(assessment)]
    stingy = RecordingPublisher(accept=2)
    assessment.relay.publisher = stingy
    assert await assessment.relay.relay_once() == 2
    assert [m.outbox_id for m in stingy.published] == outbox_ids[:2]
    assert await published_seqs(assessment) == [1, 2, None, None, None]
    assert await backlog(assessment) == 3

    generous = RecordingPublisher()
    assessment.relay.publisher = generous
    assert await assessment.relay.relay_once() == 3
    assert [m.outbox_id for m in generous.published] == outbox_ids[2:]
    assert [m.key for m in generous.published] == [
        e["subject"] for e in (await pg_system.outbox_events("assessment"))[2:]]
    assert await published_seqs(assessment) == [1, 2, 3, 4, 5]
    assert await assessment.relay.relay_once() == 0
    assert len(generous.published) == 3

    async def all_opened() -> bool:
        return await mediation_cases(pg_system) == 5

    await pg_system.settle(all_opened)


async def _ids(runtime: ServiceRuntime) -> list[int]:
    outbox = runtime.spec.tables.outbox
    async with runtime.engine.connect() as conn:
        return list((await conn.execute(select(outbox.c.id).order_by(outbox.c.id))).scalars())


async def test_two_relays_on_postgres_one_leads_and_the_standby_takes_over(
        pg_url: str, fixed_clock: FixedClock) -> None:
    settings = settings_for(pg_url).for_service("assessment")
    system = PlatformSystem(settings_for(pg_url), fixed_clock, services=("assessment",))
    async with running(system):
        producer = system.runtimes["assessment"]
        tables = producer.spec.tables
        engines = [create_engine_for(settings, "assessment") for _ in range(2)]
        publishers = [RecordingPublisher(), RecordingPublisher()]
        first, second = (OutboxRelay(e, tables, "assessment", p, fixed_clock, poll_s=0.02)
                         for e, p in zip(engines, publishers, strict=True))
        try:
            assert await first.try_lead()
            assert not await second.try_lead()
            assert first.is_leader and not second.is_leader
            await first.release()
            assert await second.try_lead(), "released: the standby may lead"
            assert not await first.try_lead()
            await second.release()

            # the real loops: the one that leads publishes everything, the other nothing
            leader = asyncio.create_task(first.run())
            await eventually(lambda: first.is_leader, timeout=WAIT_S,
                             message="the first relay never led")
            standby = asyncio.create_task(second.run())
            for _ in range(3):
                await emit_appealable(producer)
            await eventually(lambda: _is_zero(backlog(producer)), timeout=WAIT_S,
                             message="the backlog never drained")
            assert len(publishers[0].published) == 3 and publishers[1].published == []
            assert not second.is_leader

            leader.cancel()  # the active relay dies; its lock goes with it
            await asyncio.gather(leader, return_exceptions=True)
            for _ in range(2):
                await emit_appealable(producer)
            await eventually(lambda: _is_zero(backlog(producer)), timeout=WAIT_S,
                             message="the standby never drained")
            assert second.is_leader
            assert len(publishers[0].published) == 3 and len(publishers[1].published) == 2
            ids = [m.outbox_id for p in publishers for m in p.published]
            assert ids == sorted(ids) and len(set(ids)) == 5
            standby.cancel()
            await asyncio.gather(standby, return_exceptions=True)
        finally:
            for relay in (first, second):
                await relay.release()
            for engine in engines:
                await engine.dispose()


async def _is_zero(value: Awaitable[int]) -> bool:
    return await value == 0


async def test_broker_down_writes_succeed_and_the_backlog_drains_when_it_returns(
        pg_url: str, fixed_clock: FixedClock) -> None:
    async with fresh_kafka() as bootstrap:
        system = PlatformSystem(settings_for(pg_url, bus="kafka", kafka=bootstrap),
                                fixed_clock, services=("assessment", "mediation"))
        async with running(system):
            assessment = system.runtimes["assessment"]
            live = assessment.relay.publisher
            down = KafkaPublisher("127.0.0.1:1", client_id="sendsys-assessment")
            await down.start()
            assessment.relay.publisher = down
            client, staff = system.clients["assessment"], system.token("la_caseworker")
            case = await client.post("/v1/cases", headers=staff, json={
                "given_name": "A", "family_name": "B", "date_of_birth": "2019-03-14",
                "contacts": [{"role": "parent", "name": "P", "email": "p@example.org",
                              "preferred_channel": "email"}]})
            assert case.status_code == 201
            await system.pump()
            assert await backlog(assessment) == 1
            request = await client.post(f"/v1/cases/{case.json()['id']}/requests",
                                        headers=staff, json={"requester_type": "parent",
                                                             "received_on": "2026-03-02"})
            assert request.status_code == 201
            await system.pump()
            assert await backlog(assessment) == 2
            refused = await client.post(f"/v1/requests/{request.json()['id']}/decision",
                                        headers=staff,
                                        json={"decision": "refuse", "decided_on": "2026-03-02"})
            assert refused.status_code == 200
            await system.pump()
            assert await backlog(assessment) == 4  # opened, received, decided, appealable
            metrics = (await client.get("/metrics")).text
            assert 'outbox_backlog{service="assessment"} 4.0' in metrics
            assert await mediation_cases(system) == 0
            await down.stop()

            assessment.relay.publisher = live  # the broker is back

            async def opened() -> bool:
                return await mediation_cases(system, case.json()["id"]) == 1

            await system.settle(opened, timeout_s=WAIT_S)
            assert await backlog(assessment) == 0
            assert await published_seqs(assessment) == [1, 2, 3, 4]


async def test_crash_between_publish_and_marking_on_kafka_has_one_effect(
        pg_url: str, fixed_clock: FixedClock) -> None:
    async with fresh_kafka() as bootstrap:
        system = PlatformSystem(settings_for(pg_url, bus="kafka", kafka=bootstrap),
                                fixed_clock, services=("assessment", "mediation"))
        async with running(system):
            assessment, mediation = system.runtimes["assessment"], system.runtimes["mediation"]
            calls = count_handler_calls(mediation, APPEALABLE)
            case_id = await emit_appealable(assessment)
            live = assessment.relay.publisher
            crashing = CrashAfterPublish(live)
            assessment.relay.publisher = crashing
            try:
                await assessment.relay.relay_once()
                raise AssertionError("the relay pass should have failed")
            except RuntimeError:
                pass
            assert crashing.calls == 1
            assert await published_seqs(assessment) == [None]  # not marked: will go again
            assessment.relay.publisher = live
            assert await assessment.relay.relay_once() == 1  # published a second time

            subscription = mediation.subscription
            assert subscription is not None and mediation.consumer is not None
            records = await fetch_at_least(subscription, 2)
            assert len(records) == 2, "both copies are on the bus"
            ids = {CloudEvent.from_bytes(r.value).id for r in records}
            assert len(ids) == 1 and records[0].offset != records[1].offset
            outcomes = [await mediation.consumer.process(r) for r in records]
            await subscription.commit(records)
            assert outcomes == ["done", "duplicate"]
            assert calls == list(ids)
            assert await mediation_cases(system, case_id) == 1
            inbox = mediation.spec.tables.processed_event
            assert await count(mediation, inbox) == 1


async def test_redelivery_on_the_embedded_bus_has_one_effect(pg_system: System) -> None:
    assessment, mediation = pg_system.runtimes["assessment"], pg_system.runtimes["mediation"]
    calls = count_handler_calls(mediation, APPEALABLE)
    case_id = await emit_appealable(assessment)
    await pg_system.settle()
    assert await mediation_cases(pg_system, case_id) == 1 and len(calls) == 1
    position = mediation.spec.tables.consumer_position
    async with mediation.engine.begin() as conn:  # the consumer's position is rolled back
        changed = await conn.execute(update(position).values(position=0))
        assert changed.rowcount == 1
    assert await mediation.pump() == 1  # redelivered and processed again...
    assert await mediation_cases(pg_system, case_id) == 1  # ...without a second effect
    assert len(calls) == 1
    assert await count(mediation, mediation.spec.tables.processed_event) == 1
    assert await count(mediation, mediation.spec.tables.dead_letter) == 0
    assert len(await pg_system.outbox_events("mediation", "send.mediation.case.opened.v1")) == 1
