"""Done-when (issue 5): a redelivered event, a delivery worker restarted in the middle of a
send, and a broker outage all end with each message delivered once.

- Redelivery (embedded bus, Postgres): the consumer's position rolled back re-reads every
  event (the inbox answers "duplicate"); with the inbox rows lost as well, the delivery key
  (event id, recipient, channel) still stops a second message.
- Stop and crash mid-send (Postgres and SQLite): a graceful stop while the receiver holds
  the request waits for that send and records it, so nothing goes twice; a crash leaves
  the committed claim, which a new worker takes once its lease runs out and resends with
  the same webhook-id, so the receiver de-duplicates (the Standard Webhooks contract).
- Broker outage (Kafka, a mock broker of the test's own): the relay's publisher points at a
  dead address; events commit meanwhile; once it is back every email goes exactly once, and
  a new consumer group reading the topic from the start (no commits) sends nothing more."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, update
from standardwebhooks.webhooks import Webhook
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from common.clock import FixedClock
from common.messaging.bus import IncomingRecord, topic_for
from common.messaging.envelope import CloudEvent
from common.messaging.kafka.publisher import KafkaPublisher
from common.messaging.kafka.subscription import KafkaSubscription
from common.testing.smtp import SmtpTestServer
from notifications.bootstrap import delivery_worker, delivery_worker_of
from notifications.state import state_of
from tests.harness import MANAGER_EMAIL, TEAM_EMAIL, System, notifications_test_settings
from tests.harness import test_settings as settings_for
from tests.notifications.notifications_support import (
    CASE_ID,
    PARENT,
    advice_data,
    configure,
    deadline_data,
    deliveries,
    publish,
    receiver,
    serving,
    subscribe,
)
from tests.platform.platform_support import (
    PlatformSystem,
    backlog,
    count,
    fresh_kafka,
    running,
)

ADVICE = "send.assessment.advice.requested.v1"
WAIT_S = 10.0


async def case_events(system: System, *, advice: bool = False) -> Counter[str]:
    """A case, an appealable decision and two deadline alerts committed through
    assessment's outbox (and, with `advice`, a health advice request for the ICB's
    webhook); returns the emails each address should get, once each."""
    await publish(system, "assessment", "send.assessment.case.opened.v1", {
        "case_id": CASE_ID, "la_code": "201", "contacts": [PARENT],
        "person": {"given_name": "Amara", "family_name": "Okafor",
                   "date_of_birth": "2019-03-14"},
        "caseworker_id": "cw-17", "team": "north"})
    await publish(system, "assessment", "send.assessment.decision.appealable.v1", {
        "case_id": CASE_ID, "decision_id": "dec-1", "decision_kind": "refuse_assessment",
        "decided_on": "2026-03-02", "notified_on": "2026-03-02",
        "appellants": [{"name": PARENT["name"], "email": PARENT["email"]}]})
    await publish(system, "assessment", "send.assessment.deadline.approaching.v1",
                  deadline_data("approaching"))
    await publish(system, "assessment", "send.assessment.deadline.missed.v1",
                  deadline_data("missed"))
    if advice:
        await publish(system, "assessment", ADVICE, advice_data())
    # caseworker cw-17 has no address of their own: the team's for both alerts
    return Counter({PARENT["email"]: 1, TEAM_EMAIL: 2, MANAGER_EMAIL: 1})


def emailed(smtp_server: SmtpTestServer) -> Counter[str]:
    return Counter(to for envelope in smtp_server.envelopes for to in envelope.rcpt_tos)


async def sent_snapshot(system: System) -> list[tuple[str, str, str, str, int]]:
    return [(r["event_id"], r["recipient"], r["channel"], r["status"], r["attempts"])
            for r in await deliveries(system)]


async def test_redelivered_events_send_nothing_twice(
        pg_system: System, smtp_server: SmtpTestServer) -> None:
    configure(pg_system, webhook_timeout_s=5.0)  # a slow first try would wait for the clock
    notifications = pg_system.runtimes["notifications"]
    tables = notifications.spec.tables
    async with receiver() as rec:
        await subscribe(pg_system, rec.url)
        expected = await case_events(pg_system, advice=True)

        async def all_sent() -> bool:
            return emailed(smtp_server) == expected and len(rec.requests) == 1

        await pg_system.settle(all_sent)
        before = await sent_snapshot(pg_system)
        assert {status for *_, status, _ in before} == {"sent"}

        async with notifications.engine.begin() as conn:  # the position is rolled back
            assert (await conn.execute(
                update(tables.consumer_position).values(position=0))).rowcount == 1
        assert await notifications.pump() == 5  # every event read again...
        await pg_system.settle()
        assert await sent_snapshot(pg_system) == before  # ...and nothing planned or sent
        assert emailed(smtp_server) == expected and len(rec.requests) == 1

        async with notifications.engine.begin() as conn:  # and the inbox is lost as well
            await conn.execute(delete(tables.processed_event))
            await conn.execute(update(tables.consumer_position).values(position=0))
        assert await notifications.pump() == 5  # handled afresh this time...
        assert await count(notifications, tables.processed_event) == 5
        await pg_system.settle()
        assert await sent_snapshot(pg_system) == before  # ...the delivery key holds
        assert emailed(smtp_server) == expected and len(rec.requests) == 1
    assert await notifications.dead_letters().list() == []


@dataclass
class HoldingReceiver:
    """Holds the first request until released (the worker dies meanwhile); then 200s."""

    requests: list[dict[str, Any]] = field(default_factory=list)
    arrived: asyncio.Event = field(default_factory=asyncio.Event)
    release: asyncio.Event = field(default_factory=asyncio.Event)
    url: str = ""

    def app(self) -> Starlette:
        async def hook(request: Request) -> Response:
            self.requests.append({"headers": dict(request.headers),
                                  "body": await request.body()})
            if len(self.requests) == 1:
                self.arrived.set()
                await self.release.wait()
            return PlainTextResponse("ok")

        return Starlette(routes=[Route("/hook", hook, methods=["POST"])])


@asynccontextmanager
async def holding_receiver() -> AsyncIterator[HoldingReceiver]:
    rec = HoldingReceiver()
    try:
        async with serving(rec.app()) as base:
            rec.url = f"{base}/hook"
            yield rec
    finally:
        rec.release.set()


async def until(condition: Callable[[], Awaitable[bool]], what: str) -> None:
    deadline = asyncio.get_running_loop().time() + WAIT_S
    while not await condition():
        assert asyncio.get_running_loop().time() < deadline, f"never happened: {what}"
        await asyncio.sleep(0.02)


async def stopped(task: asyncio.Task[None]) -> None:
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)


async def _three_advice_requests(system: System, url: str) -> dict[str, Any]:
    endpoint = await subscribe(system, url)
    for n in (1, 2, 3):
        await publish(system, "assessment", ADVICE, advice_data(n=n))

    async def planned() -> bool:  # relays and consumers only: no worker yet
        for service in system.runtimes.values():
            await service.pump()
        return len(await deliveries(system, channel="webhook")) == 3

    await until(planned, "three webhook deliveries planned")
    return endpoint


async def _all_sent_by_a_new_worker(system: System) -> None:
    second = asyncio.create_task(delivery_worker(system.runtimes["notifications"]).run())
    try:
        async def all_sent() -> bool:
            rows = await deliveries(system, channel="webhook")
            return all(r["status"] == "sent" for r in rows)

        await until(all_sent, "every delivery sent by the new worker")
    finally:
        await stopped(second)


def _deduplicated(rec: HoldingReceiver, secret: str) -> list[str]:
    """What a receiver de-duplicating by webhook-id keeps (advice request ids, in order)."""
    seen: dict[str, dict[str, Any]] = {}
    for request in rec.requests:
        payload = Webhook(secret).verify(request["body"], request["headers"])
        seen.setdefault(request["headers"]["webhook-id"], payload)
    return [p["data"]["advice_request_id"] for p in seen.values()]


async def stop_worker_mid_send(system: System) -> None:
    """Issue 11 item 1: a graceful stop (the runtime cancels the worker) while the receiver
    holds the request waits for that send, records it, and claims nothing new: every
    message reaches the receiver exactly once."""
    runtime = system.runtimes["notifications"]
    configure(system, webhook_timeout_s=5.0, poll_s=0.02)
    async with holding_receiver() as rec:
        endpoint = await _three_advice_requests(system, rec.url)
        first = asyncio.create_task(delivery_worker_of(runtime).run())
        await asyncio.wait_for(rec.arrived.wait(), WAIT_S)
        stopping = asyncio.create_task(stopped(first))  # SIGTERM while the send is held
        rec.release.set()
        await stopping
        rows = await deliveries(system, channel="webhook")
        assert [(r["status"], r["attempts"]) for r in rows] == \
            [("sent", 1), ("pending", 0), ("pending", 0)]
        await _all_sent_by_a_new_worker(system)
    ids = [r["headers"]["webhook-id"] for r in rec.requests]
    assert ids == [r["id"] for r in rows]  # no duplicate
    assert _deduplicated(rec, endpoint["secret"]) == ["adv-1", "adv-2", "adv-3"]
    final = await deliveries(system, channel="webhook")
    assert [(r["status"], r["attempts"]) for r in final] == [("sent", 1)] * 3


async def crash_worker_mid_send(system: System) -> None:
    """A worker that dies mid-send (its pass cancelled outright, as by kill -9) records
    nothing: the claim (`sending`, attempt 1) stays until its lease runs out, then a new
    worker resends with the same webhook-id, and the resend is counted."""
    runtime = system.runtimes["notifications"]
    own = configure(system, webhook_timeout_s=5.0, poll_s=0.02, claim_lease_s=30)
    async with holding_receiver() as rec:
        endpoint = await _three_advice_requests(system, rec.url)
        crashed = asyncio.create_task(delivery_worker_of(runtime).send_due())
        try:
            await asyncio.wait_for(rec.arrived.wait(), WAIT_S)
        finally:
            await stopped(crashed)
        rows = await deliveries(system, channel="webhook")
        assert [(r["status"], r["attempts"]) for r in rows] == \
            [("sending", 1), ("pending", 0), ("pending", 0)]
        rec.release.set()  # the held request completes, to nobody
        assert isinstance(system.clock, FixedClock)
        system.clock.advance(timedelta(seconds=own.claim_lease_s + 1))  # the lease runs out
        await _all_sent_by_a_new_worker(system)
    ids = [r["headers"]["webhook-id"] for r in rec.requests]
    assert ids == [rows[0]["id"], *(r["id"] for r in rows)]  # one resend, same webhook-id
    assert rec.requests[0]["body"] == rec.requests[1]["body"]
    assert _deduplicated(rec, endpoint["secret"]) == ["adv-1", "adv-2", "adv-3"]
    final = await deliveries(system, channel="webhook")
    assert [(r["status"], r["attempts"]) for r in final] == [("sent", 2), ("sent", 1),
                                                               ("sent", 1)]
    assert state_of(runtime).resends == 1


async def test_worker_stopped_mid_send_on_postgres(pg_system: System) -> None:
    await stop_worker_mid_send(pg_system)


async def test_worker_stopped_mid_send_on_sqlite(sqlite_system: System) -> None:
    await stop_worker_mid_send(sqlite_system)


async def test_worker_crashed_mid_send_on_postgres(pg_system: System) -> None:
    await crash_worker_mid_send(pg_system)


async def test_worker_crashed_mid_send_on_sqlite(sqlite_system: System) -> None:
    await crash_worker_mid_send(sqlite_system)


async def test_broker_outage_on_kafka_ends_with_each_email_once(
        pg_url: str, fixed_clock: FixedClock, smtp_server: SmtpTestServer) -> None:
    async with fresh_kafka() as bootstrap:
        system = PlatformSystem(settings_for(pg_url, bus="kafka", kafka=bootstrap),
                                fixed_clock, services=("assessment", "notifications"),
                                notifications=notifications_test_settings(smtp_server.port))
        async with running(system):
            assessment = system.runtimes["assessment"]
            live = assessment.relay.publisher
            down = KafkaPublisher("127.0.0.1:1", client_id="sendsys-assessment")
            await down.start()
            assessment.relay.publisher = down  # the broker is unreachable
            try:
                expected = await case_events(system)  # the writes commit all the same
                await system.pump()
                assert await backlog(assessment) == 4
                assert await deliveries(system) == [] and smtp_server.envelopes == []
            finally:
                await down.stop()
            assessment.relay.publisher = live  # the broker is back

            async def all_emailed() -> bool:
                return emailed(smtp_server) == expected

            await system.settle(all_emailed, timeout_s=30)  # the consumer group joins first
            await system.settle()
            assert await backlog(assessment) == 0
            assert emailed(smtp_server) == expected  # each message exactly once
            before = await sent_snapshot(system)

            # a new consumer group with no commits reads the whole topic again
            notifications = system.runtimes["notifications"]
            assert notifications.consumer is not None
            again = KafkaSubscription(bootstrap, group_id="sendsys.notifications.again",
                                      topics=[topic_for("assessment")],
                                      client_id="sendsys-notifications-again",
                                      session_timeout_ms=3_000, heartbeat_interval_ms=1_000)
            await again.start()
            try:
                records: list[IncomingRecord] = []
                deadline = asyncio.get_running_loop().time() + WAIT_S * 2
                while len(records) < 4 and asyncio.get_running_loop().time() < deadline:
                    records += await again.fetch(max_records=100, timeout_ms=200)
                assert len(records) == 4, "every event is on the topic"
                assert len({CloudEvent.from_bytes(r.value).id for r in records}) == 4
                outcomes = [await notifications.consumer.process(r) for r in records]
            finally:
                await again.stop()
            assert outcomes == ["duplicate"] * 4
            await system.settle()
            assert await sent_snapshot(system) == before
            assert emailed(smtp_server) == expected
            assert await notifications.dead_letters().list() == []
