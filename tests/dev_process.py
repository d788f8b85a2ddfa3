"""`sendsys dev` as a child process for the tests that need the whole system as a user
runs it (the README walk-throughs, the clean stop): started on a run of free ports, and
on another run when a parallel test took one of them between the check and the bind."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import IO, Any

import httpx

from common.testing.ports import free_port_run
from sendsys.dev import dev_ports

TRIES = 3


def start_sendsys_dev(cwd: Path, env: dict[str, str], log: IO[Any], *args: str,
                      start_s: float = 90.0) -> tuple[subprocess.Popen[bytes], int]:
    """`sendsys dev` (with `args`) serving all five services; the process and its first
    port. A start that exits before serving is tried again on other ports."""
    for _ in range(TRIES):
        base = free_port_run()
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and CLI
            [sys.executable, "-m", "sendsys.cli", "dev", "--base-port", str(base), *args],
            cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        if _serving(process, base, time.monotonic() + start_s):
            return process, base
    raise AssertionError(f"sendsys dev exited before serving, {TRIES} times")


def _serving(process: subprocess.Popen[bytes], base: int, deadline: float) -> bool:
    """True once every service answers /readyz; False if the process exits first."""
    while process.poll() is None:
        try:
            if all(httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code
                   == 200 for port in dev_ports(base).values()):
                return True
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            process.kill()
            process.wait()
            raise AssertionError("sendsys dev did not start")
        time.sleep(0.3)
    return False
