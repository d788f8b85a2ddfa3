"""The fault suite's system: the five services as `sendsys serve` processes on a Postgres
database of the suite's own (it is cut off, so no other test may share it), the embedded
bus, and a real SMTP server that holds each message a moment — long enough to kill its
sender while it is on the wire. Started once per module; every test of the suite runs in
one xdist group (`--dist loadgroup`), so one worker starts it once."""

from __future__ import annotations

import asyncio
import threading
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
async def fault_system(fault_database: str, holding_smtp: HoldingSmtpServer,
                       tmp_path_factory: pytest.TempPathFactory,
                       ) -> AsyncIterator[FaultSystem]:
    log_dir: Path = tmp_path_factory.mktemp("fault-logs")
    system = FaultSystem.build(fault_database, holding_smtp.port, log_dir)
    try:
        yield await system.start()
    finally:
        await system.stop()
