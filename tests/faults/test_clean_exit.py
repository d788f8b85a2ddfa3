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

from common.testing.ports import free_port_run
from common.testing.waiting import eventually
from sendsys.dev import dev_ports
from tests.faults.processes import ROOT, START_TIMEOUT_S, STOP_TIMEOUT_S

pytestmark = [pytest.mark.xdist_group("faults"), pytest.mark.timeout(400)]


def start_dev(base_port: int, workdir: Path, log: IO[bytes]) -> subprocess.Popen[bytes]:
    """`sendsys dev` on SQLite files in `workdir`, its services from `base_port` on."""
    environment = {"SENDSYS_ENV": "test", "SENDSYS_LOG_LEVEL": "WARNING",
                   "SENDSYS_DATABASE_URL": f"sqlite+aiosqlite:///{workdir}/{{service}}.db",
                   "SENDSYS_MAIL_DIR": str(workdir / "mail"), "PATH": "/usr/bin:/bin"}
    return subprocess.Popen(  # noqa: S603 - our own interpreter and CLI
        [sys.executable, "-m", "sendsys.cli", "dev", "--base-port", str(base_port)],
        env=environment, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)


async def started_on_free_ports(tmp_path: Path,
                                log: IO[bytes]) -> tuple[subprocess.Popen[bytes], int]:
    """`sendsys dev` serving all five services on a run of free ports; started again on
    another run when it exits first (a parallel test took one of the ports between the
    check and the bind)."""
    async with httpx.AsyncClient(timeout=5) as client:
        for _ in range(3):
            base_port = free_port_run()
            dev = start_dev(base_port, tmp_path, log)

            async def ready_or_gone(dev: subprocess.Popen[bytes] = dev,
                                    base_port: int = base_port) -> bool:
                if dev.poll() is not None:
                    return True
                try:
                    answers = [await client.get(f"http://127.0.0.1:{port}/readyz")
                               for port in dev_ports(base_port).values()]
                except httpx.TransportError:
                    return False
                return all(answer.status_code == 200 for answer in answers)

            try:
                await eventually(ready_or_gone, timeout=START_TIMEOUT_S, interval=0.2,
                                 message="sendsys dev never served all five services")
            except AssertionError:
                dev.kill()
                dev.wait()
                raise
            if dev.poll() is None:
                return dev, base_port
    raise AssertionError("sendsys dev exited before serving, three times: "
                         + (tmp_path / "dev.log").read_text()[-2000:])


async def test_sendsys_dev_stops_on_sigterm_with_status_0(tmp_path: Path) -> None:
    log = (tmp_path / "dev.log").open("wb")
    dev, _ = await started_on_free_ports(tmp_path, log)
    try:
        dev.send_signal(signal.SIGTERM)
        code = await asyncio.to_thread(dev.wait, STOP_TIMEOUT_S)
    finally:
        if dev.poll() is None:
            dev.kill()
            dev.wait()
        log.close()
    assert code == 0, (tmp_path / "dev.log").read_text()[-2000:]
    assert "sendsys dev stopped." in (tmp_path / "dev.log").read_text()
