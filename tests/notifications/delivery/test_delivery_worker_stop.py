"""Issue 11 item 1 with a real SMTP server: a graceful stop of the delivery worker while an
SMTP send is in flight lets the send finish and records it, so no message is received
twice (before, the stop cancelled the attempt, its thread still sent, the attempt rolled
back and the next worker sent the message again)."""

from __future__ import annotations

import asyncio
import threading
from collections import Counter
from typing import Any

from common.testing.smtp import SmtpTestServer
from common.testing.waiting import eventually
from notifications.bootstrap import delivery_worker, delivery_worker_of
from notifications.state import state_of
from tests.harness import System
from tests.notifications.notifications_support import (
    configure,
    consume,
    deadline_data,
    deliveries,
    envelope,
)
from tests.platform.outage_support import database_down

APPROACHING = "send.assessment.deadline.approaching.v1"
WAIT_S = 10.0


class HoldingSmtpServer(SmtpTestServer):
    """Holds every DATA until released (the first message arrives while held)."""

    def __init__(self) -> None:
        super().__init__()
        self.arrived = threading.Event()
        self.release = threading.Event()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.arrived.set()
        await asyncio.to_thread(self.release.wait, WAIT_S)
        return await super().handle_DATA(server, session, envelope)


async def _three_deadline_emails(system: System) -> None:
    for n in (1, 2, 3):
        data = {**deadline_data("approaching", case_id=f"case-{n}"), "deadline_id": f"dl-{n}"}
        await consume(system, envelope(APPROACHING, data, case_id=f"case-{n}"), offset=n)
    assert len(await deliveries(system, channel="email")) == 3


async def _stop_mid_send(system: System) -> HoldingSmtpServer:
    smtp = HoldingSmtpServer().start()
    try:
        configure(system, smtp_host="127.0.0.1", smtp_port=smtp.port, poll_s=0.02)
        await _three_deadline_emails(system)
        runtime = system.runtimes["notifications"]
        running = asyncio.create_task(delivery_worker_of(runtime).run())
        assert await asyncio.to_thread(smtp.arrived.wait, WAIT_S)
        running.cancel()  # what ServiceRuntime.stop does on SIGTERM
        smtp.release.set()
        await asyncio.gather(running, return_exceptions=True)
        rows = await deliveries(system, channel="email")
        statuses = Counter(r["status"] for r in rows)
        assert set(statuses) <= {"sent", "pending"}  # in flight: finished and recorded
        assert statuses["sent"] == len(smtp.messages) >= 1
        await delivery_worker(runtime).send_due()  # the next process
    finally:
        smtp.release.set()
        smtp.stop()
    return smtp


def _assert_each_once(smtp: SmtpTestServer) -> None:
    received = Counter(m["Message-ID"] for m in smtp.messages)
    assert len(received) == 3 and set(received.values()) == {1}


async def test_graceful_stop_mid_smtp_send_sends_nothing_twice_on_postgres(
        pg_system: System) -> None:
    _assert_each_once(await _stop_mid_send(pg_system))


async def test_graceful_stop_mid_smtp_send_sends_nothing_twice_on_sqlite(
        sqlite_system: System) -> None:
    _assert_each_once(await _stop_mid_send(sqlite_system))


async def test_an_outage_while_a_message_is_on_the_wire_does_not_send_it_again(
        pg_system: System, pg_url: str) -> None:
    """Issue 11 item 1 (found by the fault suite): the database became unreachable while a
    message was on the wire, recording its outcome failed, the delivery stayed `sending`
    until its lease ran out and the message went twice. The worker now retries the record
    until the database is back (within the lease): each message is received once."""
    smtp = HoldingSmtpServer().start()
    try:
        configure(pg_system, smtp_host="127.0.0.1", smtp_port=smtp.port, poll_s=0.02)
        await _three_deadline_emails(pg_system)
        runtime = pg_system.runtimes["notifications"]
        worker = delivery_worker(runtime)
        sending = asyncio.create_task(worker.send_due())
        assert await asyncio.to_thread(smtp.arrived.wait, WAIT_S)

        async def all_claimed() -> bool:
            rows = await deliveries(pg_system, channel="email")
            return {r["status"] for r in rows} == {"sending"}
        await eventually(all_claimed)
        async with database_down(pg_url):
            smtp.release.set()  # the sends finish while nothing can be recorded
            await eventually(lambda: state_of(runtime).record_retries >= 1)
        await sending
        rows = await deliveries(pg_system, channel="email")
        assert Counter(r["status"] for r in rows) == {"sent": 3}
        assert await worker.send_due() == 0  # nothing left to send again
    finally:
        smtp.release.set()
        smtp.stop()
    _assert_each_once(smtp)
    assert state_of(runtime).resends == 0
