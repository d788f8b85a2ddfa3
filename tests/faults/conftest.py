"""The fault suite's system: the five services as `sendsys serve` processes on a Postgres
database of the suite's own (it is cut off, so no other test may share it), the embedded
bus, and a real SMTP server that holds each message a moment — long enough to kill its
sender while it is on the wire. Started once, for the one test that runs every fault in
turn (one test, so that no two xdist workers start a system each)."""

from __future__ import annotations

import asyncio
import threading
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from common.testing.postgres import create_database, drop_database
from common.testing.smtp import SmtpTestServer
from tests.conftest import migrate_all
from tests.faults.processes import FaultSystem

HOLD_S = 0.2  # how long a message stays "on the wire" at the server before it is accepted


class HoldingSmtpServer(SmtpTestServer):
    """The test SMTP server, holding each message `HOLD_S` after its data has arrived and
    before the reply; `on_wire` counts the messages being held now."""

    def __init__(self) -> None:
        super().__init__()
        self._wire_lock = threading.Lock()
        self._on_wire = 0

    @property
    def on_wire(self) -> int:
        with self._wire_lock:
            return self._on_wire

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        with self._wire_lock:
            self._on_wire += 1
        try:
            await asyncio.sleep(HOLD_S)
            return await super().handle_DATA(server, session, envelope)
        finally:
            with self._wire_lock:
                self._on_wire -= 1


@pytest.fixture(scope="module")
def holding_smtp() -> Iterator[HoldingSmtpServer]:
    server = HoldingSmtpServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def fault_database() -> Iterator[str]:
    url = create_database("sendsys_faults")
    try:
        migrate_all(url)
        yield url
    finally:
        drop_database(url)


@pytest.fixture(scope="module")
def fault_log_dir() -> Path:
    """The processes' logs, kept under var/ where a failed run can be read after other
    runs have rotated pytest's temporary directories away."""
    log_dir = Path(__file__).resolve().parents[2] / "var" / "fault-logs" / uuid.uuid4().hex[:8]
    log_dir.mkdir(parents=True)
    return log_dir


@pytest.fixture(scope="module")
async def fault_system(fault_database: str, holding_smtp: HoldingSmtpServer,
                       fault_log_dir: Path) -> AsyncIterator[FaultSystem]:
    system = FaultSystem.build(fault_database, holding_smtp.port, fault_log_dir)
    try:
        yield await system.start()
    finally:
        await system.stop()
