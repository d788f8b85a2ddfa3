"""Issue 11, item 4: SIGTERM → drain → exit 0 for `sendsys dev` (for `sendsys serve`, every
service's stop under load in test_faults.py). uvicorn re-raised the signal after a clean
shutdown, so the process ended "killed by SIGTERM" (143) and an orchestrator recorded a
failure on every deploy."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

import pytest

from tests.dev_process import start_sendsys_dev
from tests.faults.processes import ROOT, START_TIMEOUT_S, STOP_TIMEOUT_S

pytestmark = [pytest.mark.xdist_group("faults"), pytest.mark.timeout(400)]


def dev_environment(workdir: Path) -> dict[str, str]:
    """`sendsys dev` on SQLite files in `workdir`, nothing else from this shell."""
    return {"SENDSYS_ENV": "test", "SENDSYS_LOG_LEVEL": "WARNING",
            "SENDSYS_DATABASE_URL": f"sqlite+aiosqlite:///{workdir}/{{service}}.db",
            "SENDSYS_MAIL_DIR": str(workdir / "mail"), "PATH": "/usr/bin:/bin"}


async def test_sendsys_dev_stops_on_sigterm_with_status_0(tmp_path: Path) -> None:
    with (tmp_path / "dev.log").open("wb") as log:
        try:
            dev, _ = await asyncio.to_thread(start_sendsys_dev, ROOT,
                                             dev_environment(tmp_path), log,
                                             start_s=START_TIMEOUT_S)
        except AssertionError as failed:
            raise AssertionError((tmp_path / "dev.log").read_text()[-2000:]) from failed
        try:
            dev.send_signal(signal.SIGTERM)
            code = await asyncio.to_thread(dev.wait, STOP_TIMEOUT_S)
        finally:
            if dev.poll() is None:
                dev.kill()
                dev.wait()
    assert code == 0, (tmp_path / "dev.log").read_text()[-2000:]
    assert "sendsys dev stopped." in (tmp_path / "dev.log").read_text()
