"""Idempotent consumers: a consumer killed after its effect but before committing its
position, poison events and the dead-letter store (HTTP and CLI), unknown event types."""

from __future__ import annotations

import asyncio
import json

import pytest

from common.clock import FixedClock
from common.messaging.bus import IncomingRecord
from common.messaging.consumer import Handler
from common.messaging.embedded import EmbeddedSubscription
from common.messaging.envelope import CloudEvent
from common.runtime import ServiceRuntime
from common.testing.smtp import recipients_of
from notifications.bootstrap import delivery_worker_of
from notifications.delivery.tables import delivery
from sendsys.cli import main as sendsys_main
from tests.harness import LA, TEAM_EMAIL, System
from tests.harness import test_settings as settings_for
from tests.platform.platform_support import (
    APPEALABLE,
    PlatformSystem,
    appealable,
    cloud_event,
    count,
    emit,
    emit_appealable,
    fetch_at_least,
    fresh_kafka,
    mediation_cases,
    put_raw_outbox_row,
    rows,
    running,
)

WAIT_S = 30.0


async def fetch_until(runtime: ServiceRuntime, wanted: int) -> list[IncomingRecord]:
    """Read from the runtime's subscription until `wanted` records came (no commit)."""
    assert runtime.subscription is not None
    records = await fetch_at_least(runtime.subscription, wanted, WAIT_S)
    assert len(records) == wanted, f"{len(records)} of {wanted} records arrived"
    return records


async def restart_subscription(runtime: ServiceRuntime) -> None:
    """The consumer process died: a new subscription for the same group takes over."""
    assert runtime.subscription is not None
    await runtime.subscription.stop()
    runtime.subscription = runtime.make_subscription()
    await runtime.subscription.start()


def flaky_handler(runtime: ServiceRuntime, event_type: str) -> dict[str, object]:
    """Make the consumer's handler fail (as if a dependency were down) while `broken`."""
    assert runtime.consumer is not None
    original = runtime.consumer.handlers[event_type]
    state: dict[str, object] = {"broken": True, "calls": 0}

    async def fn(uow, event, data) -> None:
        state["calls"] = int(state["calls"]) + 1  # type: ignore[call-overload]
        if state["broken"]:
            raise ConnectionError("the adviser directory is unreachable")
        await original.fn(uow, event, data)

    runtime.consumer.handlers[event_type] = Handler(original.model, fn)
    runtime.consumer.backoff_s = (0.0,)  # retry at once: the test needs no waiting
    return state


async def test_consumer_killed_before_commit_on_kafka_has_no_second_effect(
        pg_url: str, fixed_clock: FixedClock) -> None:
    async with fresh_kafka() as bootstrap:
        system = PlatformSystem(settings_for(pg_url, bus="kafka", kafka=bootstrap),
                                fixed_clock, services=("assessment", "mediation"))
        async with running(system):
            assessment, mediation = system.runtimes["assessment"], system.runtimes["mediation"]
            assert mediation.consumer is not None
            case_id = await emit_appealable(assessment)
            assert await assessment.relay.relay_once() == 1
            [record] = await fetch_until(mediation, 1)
            assert await mediation.consumer.process(record) == "done"
            assert await mediation_cases(system, case_id) == 1
            # killed here: the effect is committed, the offset is not
            await restart_subscription(mediation)
            [again] = await fetch_until(mediation, 1)
            assert (again.topic, again.partition, again.offset) == (
                record.topic, record.partition, record.offset)
            assert await mediation.consumer.process(again) == "duplicate"
            await mediation.subscription.commit([again])
            assert await mediation_cases(system, case_id) == 1
            assert await count(mediation, mediation.spec.tables.processed_event) == 1
            assert len(await system.outbox_events("mediation")) == 1  # one case opened
            assert await mediation.subscription.lag() == 0


async def test_consumer_killed_before_commit_on_embedded_sends_no_second_email(
        pg_system: System, smtp_server) -> None:
    assessment, notifications = pg_system.runtimes["assessment"], \
        pg_system.runtimes["notifications"]
    assert notifications.consumer is not None
    async with assessment.unit_of_work() as uow:
        await assessment.deadlines.open(uow, la_code=LA, case_id="c-1", kind="decide",
                                        due_on=pg_system.clock.today().replace(day=16),
                                        opened_on=pg_system.clock.today())
        await uow.commit()
    assert await assessment.sweep(pg_system.clock.today()) == 1  # 10 working days before
    assert await assessment.relay.relay_once() == 1
    records = await fetch_until(notifications, 1)
    assert [await notifications.consumer.process(r) for r in records] == ["done"]
    worker = delivery_worker_of(notifications)
    assert await worker.send_due() == 1
    assert [recipients_of(m) for m in smtp_server.messages] == [[TEAM_EMAIL]]
    # killed before committing the position: a new subscription reads the event again
    await restart_subscription(notifications)
    again = await fetch_until(notifications, 1)
    assert [r.offset for r in again] == [r.offset for r in records]
    assert [await notifications.consumer.process(r) for r in again] == ["duplicate"]
    await notifications.subscription.commit(again)
    assert await worker.send_due() == 0
    await pg_system.settle()  # the rest of the system runs on: still one email
    assert await count(notifications, delivery) == 1
    assert len(smtp_server.messages) == 1


async def test_one_member_of_a_group_reads_the_embedded_bus_and_a_standby_takes_over(
        pg_system: System) -> None:
    """Replicas of a consumer (two uvicorn workers, two pods) do not each read and parse the
    log: one member of the group leads; when it goes, the standby reads from the committed
    position."""
    assessment, mediation = pg_system.runtimes["assessment"], pg_system.runtimes["mediation"]
    case_id = await emit_appealable(assessment)
    assert await assessment.relay.relay_once() == 1
    reading = mediation.subscription
    standby = mediation.make_subscription()
    await standby.start()
    try:
        [record] = await fetch_at_least(reading, 1, WAIT_S)
        assert await standby.fetch(max_records=10, timeout_ms=50) == []
        assert isinstance(reading, EmbeddedSubscription) and reading.leads
        assert isinstance(standby, EmbeddedSubscription) and not standby.leads
        await reading.stop()  # the member that read dies before committing its position
        [again] = await fetch_at_least(standby, 1, WAIT_S)
        assert standby.leads and again.offset == record.offset and again.value == record.value
        assert mediation.consumer is not None
        assert await mediation.consumer.process(again) == "done"
        await standby.commit([again])
        assert await mediation_cases(pg_system, case_id) == 1 and await standby.lag() == 0
    finally:
        await standby.stop()
        mediation.subscription = mediation.make_subscription()
        await mediation.subscription.start()


async def test_poison_events_are_dead_lettered_and_the_log_moves_on(pg_system: System) -> None:
    assessment, mediation = pg_system.runtimes["assessment"], pg_system.runtimes["mediation"]
    await put_raw_outbox_row(assessment, "this is {not a CloudEvent")
    await put_raw_outbox_row(assessment, cloud_event(APPEALABLE, {"case_id": "c-9"}),
                             event_type=APPEALABLE)
    case_id = await emit_appealable(assessment)

    async def good_one_handled() -> bool:
        return await mediation_cases(pg_system, case_id) == 1

    await pg_system.settle(good_one_handled)  # the good event after the poison
    assert mediation.subscription is not None and await mediation.subscription.lag() == 0

    client = pg_system.clients["mediation"]
    listed = await client.get("/ops/dead-letters", headers=pg_system.token("platform_ops"))
    assert listed.status_code == 200
    letters = listed.json()
    assert [(d["event_type"], d["topic"], d["attempts"]) for d in letters] == [
        (None, "send.assessment", 1), (APPEALABLE, "send.assessment", 1)]
    assert "not a valid CloudEvent" in letters[0]["error"]
    assert "data failed validation" in letters[1]["error"]
    # an LA's own token sees its LA's letters only (the unreadable one names no LA)
    own = await client.get("/ops/dead-letters", headers=pg_system.token("la_manager"))
    assert [d["id"] for d in own.json()] == [letters[1]["id"]]
    # replaying one that is still bad reports the failure and keeps it listed
    replay = await client.post(f"/ops/dead-letters/{letters[1]['id']}/replay",
                               headers=pg_system.token("ops"))
    assert replay.status_code == 200 and replay.json()["outcome"].startswith("failed")
    assert len((await client.get("/ops/dead-letters",
                                 headers=pg_system.token("platform_ops"))).json()) == 2
    missing = await client.post("/ops/dead-letters/999999/replay",
                                headers=pg_system.token("ops"))
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"


async def test_poison_on_kafka_is_dead_lettered_and_the_partition_moves_on(
        pg_url: str, fixed_clock: FixedClock) -> None:
    async with fresh_kafka() as bootstrap:
        system = PlatformSystem(settings_for(pg_url, bus="kafka", kafka=bootstrap),
                                fixed_clock, services=("assessment", "mediation"))
        async with running(system):
            assessment, mediation = system.runtimes["assessment"], system.runtimes["mediation"]
            good = appealable()
            key = f"case/{good.case_id}"  # one key: one partition, poison first
            await put_raw_outbox_row(assessment, "<not json>", key=key)
            await put_raw_outbox_row(assessment, cloud_event(APPEALABLE, {"decision_id": 7}),
                                     event_type=APPEALABLE, key=key)
            await emit(assessment, APPEALABLE, good)

            async def opened() -> bool:
                return await mediation_cases(system, good.case_id) == 1

            await system.settle(opened, timeout_s=WAIT_S)
            letters = await rows(mediation, mediation.spec.tables.dead_letter)
            assert [(d["offset"], d["event_type"]) for d in letters] == [
                (0, None), (1, APPEALABLE)]
            assert len({d["partition"] for d in letters}) == 1
            assert mediation.subscription is not None
            assert await mediation.subscription.lag() == 0  # committed past all three


async def test_a_transiently_failing_handler_is_retried_dead_lettered_and_replayed(
        pg_system: System) -> None:
    assessment, mediation = pg_system.runtimes["assessment"], pg_system.runtimes["mediation"]
    state = flaky_handler(mediation, APPEALABLE)
    case_id = await emit_appealable(assessment)

    async def dead_lettered() -> bool:
        return await count(mediation, mediation.spec.tables.dead_letter) == 1

    await pg_system.settle(dead_lettered)
    assert state["calls"] == 4  # max_attempts, then the dead-letter store
    assert await mediation_cases(pg_system, case_id) == 0
    later_case = await emit_appealable(assessment)  # the log moved on past it
    state["broken"] = False

    async def later_opened() -> bool:
        return await mediation_cases(pg_system, later_case) == 1

    await pg_system.settle(later_opened)

    client, ops = pg_system.clients["mediation"], pg_system.token("ops")
    [letter] = (await client.get("/ops/dead-letters", headers=ops)).json()
    assert letter["attempts"] == 4 and "ConnectionError" in letter["error"]
    replayed = await client.post(f"/ops/dead-letters/{letter['id']}/replay", headers=ops)
    assert replayed.json() == {"id": letter["id"], "outcome": "done"}
    assert await mediation_cases(pg_system, case_id) == 1
    assert (await client.get("/ops/dead-letters", headers=ops)).json() == []
    again = await client.post(f"/ops/dead-letters/{letter['id']}/replay", headers=ops)
    assert again.json()["outcome"] == "duplicate"
    assert await mediation_cases(pg_system, case_id) == 1
    [stored] = await rows(mediation, mediation.spec.tables.dead_letter)
    assert stored["replayed_at"] == pg_system.clock.now()


async def test_sendsys_dlq_list_against_sqlite(sqlite_system: System, sqlite_url: str,
                                              capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    assessment = sqlite_system.runtimes["assessment"]
    await put_raw_outbox_row(assessment, "garbage")
    await put_raw_outbox_row(assessment, cloud_event(APPEALABLE, {"case_id": "c-9"}),
                             event_type=APPEALABLE)
    mediation = sqlite_system.runtimes["mediation"]
    notifications = sqlite_system.runtimes["notifications"]

    async def both_read_the_log() -> bool:
        assert notifications.subscription is not None
        return (await count(mediation, mediation.spec.tables.dead_letter) == 2
                and await notifications.subscription.lag() == 0)

    await sqlite_system.settle(both_read_the_log)
    capsys.readouterr()
    monkeypatch.setenv("SENDSYS_DATABASE_URL", sqlite_url)
    await asyncio.to_thread(sendsys_main, ["dlq", "list", "mediation"])
    listed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(d["event_type"], d["topic"]) for d in listed] == [
        (None, "send.assessment"), (APPEALABLE, "send.assessment")]
    await asyncio.to_thread(sendsys_main, ["dlq", "replay", "mediation", str(listed[0]["id"])])
    assert capsys.readouterr().out.startswith(f"{listed[0]['id']}: failed")
    # notifications tails the same log: the garbage is poison there too
    await asyncio.to_thread(sendsys_main, ["dlq", "list", "notifications"])
    other = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert (None, 1) in [(d["event_type"], d["offset"]) for d in other]


async def test_unknown_event_types_are_ignored_and_the_position_advances(
        pg_system: System) -> None:
    assessment, mediation = pg_system.runtimes["assessment"], pg_system.runtimes["mediation"]
    unknown = cloud_event("send.assessment.something.new.v9", {"whatever": 1})
    await put_raw_outbox_row(assessment, unknown, event_type="send.assessment.something.new.v9")
    assert mediation.consumer is not None
    record = IncomingRecord("send.assessment", 0, 1, "case/x", unknown.encode())
    assert await mediation.consumer.process(record) == "ignored"
    consumers = (mediation, pg_system.runtimes["notifications"])

    async def both_moved_on() -> bool:
        for r in consumers:
            assert r.subscription is not None
            if await r.subscription.lag() or not await count(r, r.spec.tables.consumer_position):
                return False
        return True

    await pg_system.settle(both_moved_on)
    for runtime in (mediation, pg_system.runtimes["notifications"]):
        tables = runtime.spec.tables
        assert await count(runtime, tables.dead_letter) == 0
        assert await count(runtime, tables.processed_event) == 0
        [position] = await rows(runtime, tables.consumer_position,
                                tables.consumer_position.c.topic == "send.assessment")
        assert position["position"] == 1
        assert runtime.subscription is not None and await runtime.subscription.lag() == 0
    assert await mediation_cases(pg_system) == 0
    assert CloudEvent.from_bytes(unknown.encode()).type.endswith(".v9")
