"""Shared helpers for the benchmarks: a throwaway migrated Postgres database, free ports,
percentiles, and writing figures to var/bench/<name>.json."""

from __future__ import annotations

import contextlib
import json
import os
import platform
import shlex
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS_DIR = ROOT / "var" / "bench"
LOCALHOST = "127.0.0.1"


def migrate_all(database_url: str) -> None:
    """Every service's migrations on `database_url` (as tests/conftest.py migrate_all)."""
    from common.db.migrations import upgrade
    from common.settings import Settings
    from sendsys.services import SPECS

    settings = Settings(env="test", database_url=database_url)
    for name, make_spec in SPECS.items():
        upgrade(name, make_spec().service_root, settings)


@contextlib.contextmanager
def throwaway_database(*, migrate: bool = True) -> Iterator[str]:
    """A fresh database on the local cluster, migrated with all services, dropped after
    (also on SIGTERM). Call from synchronous code (it runs its own event loops)."""
    from common.testing.postgres import create_database, drop_database

    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    url = create_database(prefix="sendsys_bench")
    try:
        if migrate:
            migrate_all(url)
        yield url
    finally:
        drop_database(url)


def _exit_on_sigterm(signum: int, frame: Any) -> None:
    raise SystemExit(128 + signum)


def dump_tasks() -> None:
    """Print every asyncio task's stack (when a benchmark overruns its time)."""
    import asyncio
    for task in asyncio.all_tasks():
        print(f"--- task {task.get_name()}", file=sys.stderr)
        task.print_stack(limit=12, file=sys.stderr)


def libpq_url(sqlalchemy_url: str) -> str:
    return sqlalchemy_url.replace("postgresql+asyncpg://", "postgresql://", 1)


def sendsys_bin() -> str:
    """The `sendsys` script of this environment (PATH's when there is none)."""
    candidate = Path(sys.executable).parent / "sendsys"
    return str(candidate) if candidate.exists() else "sendsys"


def stop_child(proc: subprocess.Popen[bytes], timeout_s: float = 15) -> int:
    """SIGINT, then SIGKILL if it has not exited within `timeout_s`; its exit code."""
    proc.send_signal(signal.SIGINT)
    try:
        return proc.wait(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        proc.kill()
        return proc.wait()


async def wait_until(predicate: Callable[[], bool], timeout_s: float, what: str) -> None:
    """Poll `predicate` every 20 ms; RuntimeError naming `what` after `timeout_s`."""
    import asyncio
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            return
        await asyncio.sleep(0.02)
    raise RuntimeError(f"{what} did not happen in {timeout_s:.0f}s")


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile (0 for no values)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(pct / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def this_command(module: str) -> str:
    return f"uv run python -m {module}"


def shell(cmd: Sequence[str]) -> str:
    return " ".join(shlex.quote(c) for c in cmd)


def environment() -> dict[str, Any]:
    return {"python": platform.python_version(), "machine": platform.machine(),
            "cpus": os.cpu_count(), "platform": platform.platform()}


def write_result(name: str, result: dict[str, Any]) -> Path:
    """Write var/bench/<name>.json and return its path."""
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    result = {"benchmark": name, "at": datetime.now(UTC).isoformat(timespec="seconds"),
              "environment": environment(), **result}
    path = RESULTS_DIR / f"{name}.json"
    path.write_text(json.dumps(result, indent=2, default=str) + "\n", encoding="utf-8")
    return path


def figure(label: str, value: float, unit: str, *, target: str | None = None,
           ok: bool | None = None, command: str = "") -> dict[str, Any]:
    return {"label": label, "value": value, "unit": unit, "target": target, "ok": ok,
            "command": command}


def print_figures(name: str, figures: list[dict[str, Any]]) -> None:
    print(f"\n== {name} ==")
    for f in figures:
        verdict = "" if f["ok"] is None else ("  OK" if f["ok"] else "  MISSED")
        target = f"  (target {f['target']})" if f["target"] else ""
        print(f"  {f['label']:<44} {_fmt(f['value']):>12} {f['unit']:<8}{target}{verdict}")
        if f.get("command"):
            print(f"      by: {f['command']}")
    sys.stdout.flush()


def _fmt(value: float) -> str:
    if isinstance(value, int) or float(value).is_integer() and abs(value) >= 100:
        return f"{int(value):,}"
    return f"{value:,.2f}" if abs(value) < 100 else f"{value:,.0f}"


class Timer:
    def __init__(self) -> None:
        self.started = time.perf_counter()

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.started
