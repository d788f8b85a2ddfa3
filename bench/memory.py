"""Memory: `sendsys dev` (all five services in one process, SQLite, embedded bus) idle.

    uv run python -m bench.memory                # BENCH_IDLE_S=5

Starts `sendsys dev --base-port N` as a child process with its SQLite files and mail
folder in a temporary directory, waits until all five `/healthz` answer, idles
BENCH_IDLE_S seconds, then sums VmRSS (from /proc/<pid>/status) over the child and all its
descendants. Target < 300 MB. Then sends SIGINT and checks that it exits with status 0
within 20 s and says it stopped.
"""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from bench._common import (
    LOCALHOST,
    figure,
    print_figures,
    sendsys_bin,
    shell,
    this_command,
    write_result,
)
from common.testing.ports import free_port_run

NAME = "memory"
IDLE_S = float(os.environ.get("BENCH_IDLE_S", "5"))
TARGET_MB = 300.0
SERVICES = ("assessment", "localoffer", "budgets", "mediation", "notifications")


def descendants(pid: int) -> list[int]:
    """`pid` and every process below it, from /proc/*/stat."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def wait_healthy(ports: dict[str, int], proc: subprocess.Popen[bytes],
                 timeout_s: float = 90) -> float:
    started = time.monotonic()
    pending = dict(ports)
    with httpx.Client(timeout=2) as client:
        while pending and time.monotonic() - started < timeout_s:
            if proc.poll() is not None:
                raise RuntimeError(f"sendsys dev exited early (code {proc.returncode})")
            for name, port in list(pending.items()):
                try:
                    if client.get(f"http://{LOCALHOST}:{port}/healthz").status_code == 200:
                        del pending[name]
                except httpx.HTTPError:
                    pass
            time.sleep(0.2)
    if pending:
        raise RuntimeError(f"not healthy after {timeout_s}s: {', '.join(pending)}")
    return time.monotonic() - started


def run() -> dict[str, Any]:
    base = free_port_run(len(SERVICES))
    ports = {name: base + n for n, name in enumerate(SERVICES)}
    cmd = [sendsys_bin(), "dev", "--host", LOCALHOST, "--base-port", str(base)]
    with tempfile.TemporaryDirectory(prefix="sendsys-bench-memory-") as tmp:
        env = {k: v for k, v in os.environ.items() if not k.startswith("SENDSYS_")}
        env.update({"SENDSYS_DATABASE_URL": f"sqlite+aiosqlite:///{tmp}/{{service}}.sqlite3",
                    "SENDSYS_MAIL_DIR": f"{tmp}/mail", "SENDSYS_LOG_LEVEL": "WARNING"})
        log_path = Path(tmp) / "dev.log"
        with open(log_path, "wb") as log:
            proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT,  # noqa: S603
                                    cwd=tmp)
        try:
            ready_s = wait_healthy(ports, proc)
            time.sleep(IDLE_S)
            pids = descendants(proc.pid)
            per_pid = {pid: rss_kb(pid) for pid in pids}
            total_mb = sum(per_pid.values()) / 1024
        finally:
            stop_started = time.monotonic()
            proc.send_signal(signal.SIGINT)
            try:
                code = proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                code = proc.wait()
                code = f"killed after 20 s ({code})"  # type: ignore[assignment]
            stop_s = time.monotonic() - stop_started
        output = log_path.read_text(errors="replace")
    clean = code == 0 and "sendsys dev stopped." in output
    me = this_command(f"bench.{NAME}")
    figures = [
        figure("sendsys dev idle RSS (5 services)", round(total_mb, 1), "MB",
               target=f"< {TARGET_MB:.0f} MB", ok=total_mb < TARGET_MB, command=me),
        figure("SIGINT -> exit", round(stop_s, 2), "s", target="exit 0, clean",
               ok=clean, command=me),
    ]
    return {"figures": figures, "command": shell(cmd), "ports": ports, "ready_s": ready_s,
            "idle_s": IDLE_S, "rss_kb_by_pid": per_pid, "rss_mb": total_mb,
            "exit_code": code, "stop_s": stop_s, "clean_exit": clean,
            "output_tail": output[-2000:], "ok": total_mb < TARGET_MB and clean}


def main() -> None:
    result = run()
    path = write_result(NAME, result)
    print_figures(NAME, result["figures"])
    print(f"  (child: {result['command']}; healthy after {result['ready_s']:.1f}s; "
          f"{len(result['rss_kb_by_pid'])} process(es); exit code {result['exit_code']})")
    print(f"  results: {path}")


if __name__ == "__main__":
    main()
