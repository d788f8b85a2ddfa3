"""Issue 11, item 4: SIGTERM → drain → exit 0 for `sendsys dev` (for `sendsys serve`, every
service's stop under load in test_faults.py). uvicorn re-raised the signal after a clean
shutdown, so the process ended "killed by SIGTERM" (143) and an orchestrator recorded a
failure on every deploy."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
from pathlib import Path
from typing import IO

import httpx
import pytest

from common.testing.waiting import eventually
from sendsys.dev import dev_ports
from tests.faults.processes import ROOT, START_TIMEOUT_S, STOP_TIMEOUT_S, free_port

pytestmark = [pytest.mark.xdist_group("faults"), pytest.mark.timeout(400)]


def start_dev(base_port: int, workdir: Path, log: IO[bytes]) -> subprocess.Popen[bytes]:
    """`sendsys dev` on SQLite files in `workdir`, its services from `base_port` on."""
    environment = {"SENDSYS_ENV": "test", "SENDSYS_LOG_LEVEL": "WARNING",
                   "SENDSYS_DATABASE_URL": f"sqlite+aiosqlite:///{workdir}/{{service}}.db",
                   "SENDSYS_MAIL_DIR": str(workdir / "mail"), "PATH": "/usr/bin:/bin"}
    return subprocess.Popen(  # noqa: S603 - our own interpreter and CLI
        [sys.executable, "-m", "sendsys.cli", "dev", "--base-port", str(base_port)],
        env=environment, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)


async def test_sendsys_dev_stops_on_sigterm_with_status_0(tmp_path: Path) -> None:
    base_port = free_port()
    log = (tmp_path / "dev.log").open("wb")
    dev = start_dev(base_port, tmp_path, log)
    try:
        async with httpx.AsyncClient(timeout=5) as client:
            async def all_ready() -> bool:
                assert dev.poll() is None, (tmp_path / "dev.log").read_text()
                try:
                    answers = [await client.get(f"http://127.0.0.1:{port}/readyz")
                               for port in dev_ports(base_port).values()]
                except httpx.TransportError:
                    return False
                return all(answer.status_code == 200 for answer in answers)

            await eventually(all_ready, timeout=START_TIMEOUT_S, interval=0.2,
                             message="sendsys dev never served all five services")
        dev.send_signal(signal.SIGTERM)
        code = await asyncio.to_thread(dev.wait, STOP_TIMEOUT_S)
    finally:
        if dev.poll() is None:
            dev.kill()
            dev.wait()
        log.close()
    assert code == 0, (tmp_path / "dev.log").read_text()[-2000:]
    assert "sendsys dev stopped." in (tmp_path / "dev.log").read_text()
