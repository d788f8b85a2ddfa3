"""Deadline sweep over 1,000,000 open deadlines on Postgres.

    uv run python -m bench.sweep                 # BENCH_DEADLINES=1000000 BENCH_DUE=50000

1. A throwaway database migrated with every service; COPY (asyncpg
   copy_records_to_table) BENCH_DEADLINES open deadlines into "assessment".deadline, due
   on days spread evenly over a year starting 20 days after day D, each at its first stage
   (`next_stage` 0, `next_alert_on` = 10 working days before `due_on`), then ANALYZE.
2. Sweep as of D: nothing has fallen due (target < 1 s).
3. Sweep as of D2, the first day by which about BENCH_DUE stages have fallen due: time the
   emission (each emitted event is an outbox row + a deadline_alert row + the deadline's
   move to its next stage), target >= 5,000 events/s. Also the CPU it took per event, in
   this process (Python) and in the Postgres backends serving the database (read from
   /proc: the local cluster only), which, unlike the rate, does not depend on how busy the
   machine is. BENCH_CPROFILE=<file> profiles this sweep (cProfile) and prints its top
   functions.
4. Sweep as of D2 again: nothing new to emit (target < 1 s).
Each sweep is `ServiceRuntime.sweep` (`DeadlineBook.sweep`), as `sendsys sweep` runs it.
"""

from __future__ import annotations

import asyncio
import os
import time
import uuid
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from typing import Any

import asyncpg

from bench._common import (
    figure,
    libpq_url,
    print_figures,
    this_command,
    throwaway_database,
    write_result,
)

NAME = "sweep"
DEADLINES = int(os.environ.get("BENCH_DEADLINES", "1000000"))
DUE = int(os.environ.get("BENCH_DUE", "50000"))
DAY_D = date(2027, 1, 4)
TARGET_IDLE_S = 1.0
TARGET_EVENTS_PER_S = 5000.0
COLUMNS = ("id", "la_code", "case_id", "kind", "ref_id", "due_on", "status", "closed_on",
           "owner_team", "owner_caseworker_id", "next_stage", "next_alert_on", "created_at")


def deadline_rows(count: int) -> tuple[list[tuple[Any, ...]], Counter[date]]:
    from common.deadline_alerts import AlertSchedule
    from common.deadlines import OPEN

    schedule = AlertSchedule((10, 2))
    first_alert: dict[date, date] = {}
    alerts: Counter[date] = Counter()
    now = datetime.now(UTC)
    rows = []
    for n in range(count):
        due_on = DAY_D + timedelta(days=20 + n % 365)
        alert_on = first_alert.get(due_on)
        if alert_on is None:
            alert_on = first_alert[due_on] = schedule.alert_on(due_on, 0)  # type: ignore[assignment]
        alerts[alert_on] += 1  # type: ignore[index]
        deadline_id = str(uuid.uuid4())
        rows.append((deadline_id, "201", f"case-{n // 3:07d}", "decide_whether_to_assess",
                     deadline_id, due_on, OPEN, None, f"team-{n % 12}", f"cw-{n % 400}",
                     0, alert_on, now))
    return rows, alerts


def day_with_due(alerts: Counter[date], wanted: int) -> tuple[date, int]:
    """The first day by which at least `wanted` first-stage alerts have fallen due."""
    total = 0
    for day in sorted(alerts):
        total += alerts[day]
        if total >= wanted:
            return day, total
    last = max(alerts)
    return last, total


async def load(dsn: str, rows: list[tuple[Any, ...]]) -> float:
    started = time.perf_counter()
    conn = await asyncpg.connect(dsn)
    try:
        await conn.copy_records_to_table("deadline", schema_name="assessment", records=rows,
                                         columns=COLUMNS)
        await conn.execute('ANALYZE "assessment".deadline')
    finally:
        await conn.close()
    return time.perf_counter() - started


async def backend_cpu_s(dsn: str) -> dict[int, float] | None:
    """CPU seconds so far of each Postgres backend connected to the database (but this
    query's own); None when /proc does not show them (a cluster on another machine)."""
    conn = await asyncpg.connect(dsn)
    try:
        pids = [r["pid"] for r in await conn.fetch(
            "SELECT pid FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()")]
    finally:
        await conn.close()
    return process_cpu_s(pids)


def process_cpu_s(pids: list[int]) -> dict[int, float] | None:
    ticks = os.sysconf("SC_CLK_TCK")
    seconds = {}
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            return None
        seconds[pid] = (int(fields[11]) + int(fields[12])) / ticks  # utime + stime
    return seconds


async def sweeps(database_url: str, day_d2: date) -> dict[str, Any]:
    from common.clock import SystemClock
    from common.runtime import ServiceRuntime
    from common.settings import Settings
    from sendsys.services import spec_for

    settings = Settings(env="test", database_url=database_url, sweep_interval_s=0,
                        log_level="WARNING")
    runtime = ServiceRuntime(spec_for("assessment"), settings, SystemClock())
    try:
        await runtime.database_ready()  # open a pooled connection before timing
        out: dict[str, Any] = {}
        for label, as_of in (("idle", DAY_D), ("emit", day_d2), ("idle_after", day_d2)):
            backends = await backend_cpu_s(libpq_url(database_url)) if label == "emit" else None
            started, cpu_started = time.perf_counter(), time.process_time()
            if label == "emit" and os.environ.get("BENCH_CPROFILE"):
                import cProfile
                profiler = cProfile.Profile()
                profiler.enable()
                emitted = await runtime.sweep(as_of)
                profiler.disable()
                profiler.dump_stats(os.environ["BENCH_CPROFILE"])
            else:
                emitted = await runtime.sweep(as_of)
            out[label] = {"as_of": as_of.isoformat(), "emitted": emitted,
                          "seconds": time.perf_counter() - started,
                          "cpu_s": time.process_time() - cpu_started}
            if backends is not None:  # loops that joined the sweep opened new connections
                after = await backend_cpu_s(libpq_url(database_url)) or {}
                out[label]["db_cpu_s"] = sum(cpu - backends.get(pid, 0.0)
                                             for pid, cpu in after.items())
        async with runtime.engine.connect() as conn:
            from sqlalchemy import func, select
            out["outbox_rows"] = await conn.scalar(
                select(func.count()).select_from(runtime.spec.tables.outbox))
            out["open_deadlines"] = await conn.scalar(
                select(func.count()).select_from(runtime.spec.tables.deadline))
    finally:
        await runtime.stop()
    return out


def run() -> dict[str, Any]:
    started = time.perf_counter()
    rows, alerts = deadline_rows(DEADLINES)
    built_s = time.perf_counter() - started
    day_d2, due = day_with_due(alerts, DUE)
    with throwaway_database() as url:
        load_s = asyncio.run(load(libpq_url(url), rows))
        del rows
        result = asyncio.run(sweeps(url, day_d2))
    emit = result["emit"]
    rate = emit["emitted"] / emit["seconds"] if emit["seconds"] else 0.0
    me = this_command(f"bench.{NAME}")
    per_event = 1e6 / emit["emitted"] if emit["emitted"] else 0.0
    figures = [
        figure(f"sweep, nothing due ({DEADLINES:,} open)", result["idle"]["seconds"], "s",
               target=f"< {TARGET_IDLE_S:.0f} s",
               ok=result["idle"]["emitted"] == 0 and result["idle"]["seconds"] < TARGET_IDLE_S,
               command=me),
        figure(f"sweep emitting {emit['emitted']:,} events", emit["seconds"], "s", command=me),
        figure("sweep emission rate", rate, "events/s", target=f">= {TARGET_EVENTS_PER_S:,.0f}",
               ok=emit["emitted"] == due and rate >= TARGET_EVENTS_PER_S, command=me),
        figure("  CPU per event, this process", emit["cpu_s"] * per_event, "us"),
    ]
    if "db_cpu_s" in emit:
        figures.append(figure("  CPU per event, Postgres backends", emit["db_cpu_s"] * per_event,
                              "us"))
    figures += [
        figure("sweep again, nothing new", result["idle_after"]["seconds"], "s",
               target=f"< {TARGET_IDLE_S:.0f} s",
               ok=result["idle_after"]["emitted"] == 0
               and result["idle_after"]["seconds"] < TARGET_IDLE_S, command=me),
    ]
    return {"figures": figures, "deadlines": DEADLINES, "expected_due": due,
            "day_d": DAY_D.isoformat(), "day_d2": day_d2.isoformat(),
            "build_rows_s": built_s, "copy_s": load_s, "sweeps": result,
            "events_per_s": rate, "ok": all(f["ok"] for f in figures if f["ok"] is not None)}


def main() -> None:
    result = run()
    path = write_result(NAME, result)
    print_figures(NAME, result["figures"])
    print(f"  ({result['deadlines']:,} deadlines built in {result['build_rows_s']:.1f}s, "
          f"COPY + ANALYZE {result['copy_s']:.1f}s; expected {result['expected_due']:,} due by "
          f"{result['day_d2']}; outbox now {result['sweeps']['outbox_rows']:,} rows)")
    print(f"  results: {path}")
    if os.environ.get("BENCH_CPROFILE"):
        import pstats
        print(f"\n  cProfile of the emitting sweep ({os.environ['BENCH_CPROFILE']}), "
              "top 15 by own time:")
        pstats.Stats(os.environ["BENCH_CPROFILE"]).sort_stats("tottime").print_stats(15)


if __name__ == "__main__":
    main()
