"""Work tray: `GET /v1/deadlines` latency with 50,000 cases and 500,000 deadlines on Postgres.

    uv run python -m bench.work_tray    # BENCH_TRAY_CASES=50000 BENCH_TRAY_DEADLINES=500000

1. A throwaway database migrated with every service; COPY (asyncpg
   copy_records_to_table) BENCH_TRAY_CASES cases into "assessment"."case" and
   BENCH_TRAY_DEADLINES deadlines into "assessment".deadline (10 a case): about 90 % in
   LA 201, the rest in four other LAs; 400 caseworkers in 12 teams per LA, each case's
   deadlines owned by its caseworker and team; kinds from DeadlineKind weighted the way a
   caseload is (annual reviews and advice most); due dates spread over +/- one year around
   today; 80 % open (the rest closed). Then VACUUM (ANALYZE), the state autovacuum
   leaves a table of that size in (set BENCH_TRAY_VACUUM=0 for ANALYZE alone).
2. `sendsys serve assessment` (uvicorn, one process) as a child, env=test, sweep off.
3. From this process, one request at a time (latency, not throughput), BENCH_TRAY_REQUESTS
   work tray queries as an LA 201 caseworker, after a warm-up: a fixed-seed mix of the
   whole LA's tray, a caseworker's, a team's, one kind, overdue / not overdue, due
   within 7-60 days, combinations of those, pages at offsets 0-1000 (limit 50), now and
   then newest first. Each response carries the page and the total count.
p50/p95/p99 over all of them (target p95 < 50 ms, issue 3), and p95 per filter shape.
"""

from __future__ import annotations

import asyncio
import os
import random
import tempfile
import time
import uuid
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx

from bench._common import (
    LOCALHOST,
    figure,
    libpq_url,
    percentile,
    print_figures,
    sendsys_bin,
    shell,
    stop_child,
    this_command,
    throwaway_database,
    write_result,
)
from bench.write_path import start_service, token, wait_healthy
from common.testing.ports import free_port

NAME = "work_tray"
CASES = int(os.environ.get("BENCH_TRAY_CASES", "50000"))
DEADLINES = int(os.environ.get("BENCH_TRAY_DEADLINES", "500000"))
REQUESTS = int(os.environ.get("BENCH_TRAY_REQUESTS", "400"))
WARMUP = 40
TARGET_P95_MS = 50.0
LA = "201"
OTHER_LAS = ("202", "203", "886", "212")
CASEWORKERS_PER_LA = 400
TEAMS_PER_LA = 12
OPEN_SHARE = 0.8
SEED = 20260302
VACUUM = os.environ.get("BENCH_TRAY_VACUUM", "1") != "0"

CASE_COLUMNS = ("id", "la_code", "given_name", "family_name", "date_of_birth", "home_la_code",
                "caseworker_id", "team", "version", "created_at", "updated_at")
DEADLINE_COLUMNS = ("id", "la_code", "case_id", "kind", "ref_id", "due_on", "status",
                    "closed_on", "owner_team", "owner_caseworker_id", "next_stage",
                    "next_alert_on", "created_at")
GIVEN = ("Amara", "Oliver", "Aisha", "Noah", "Isla", "Mohammed", "Freya", "Leo", "Zara",
         "Jack", "Maya", "Harry", "Ava", "Yusuf", "Poppy", "Theo")
FAMILY = ("Okafor", "Smith", "Khan", "Jones", "Patel", "Williams", "Brown", "Taylor",
          "Nowak", "Evans", "Ahmed", "Wilson", "Davies", "Murphy")


def kind_weights() -> tuple[list[str], list[float]]:
    from assessment.domain.model import DeadlineKind

    heavy = {"annual_review_due": 30.0, "advice_due": 15.0, "decide_whether_to_assess": 8.0,
             "issue_final_plan": 8.0, "notify_no_plan": 6.0, "review_report_due": 6.0,
             "review_decision_due": 5.0, "draft_comments_close": 4.0,
             "amended_plan_due": 4.0, "phase_transfer_named_by": 3.0}
    kinds = [k.value for k in DeadlineKind]
    return kinds, [heavy.get(k, 1.0) for k in kinds]


def build_rows(today: date) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    rng = random.Random(SEED)
    now = datetime.now(UTC)
    kinds, weights = kind_weights()
    cases, deadlines = [], []
    per_case = max(1, DEADLINES // CASES)
    for n in range(CASES):
        la = LA if rng.random() < 0.9 else rng.choice(OTHER_LAS)
        cw = rng.randrange(CASEWORKERS_PER_LA)
        case_id = str(uuid.uuid4())
        team = f"team-{cw % TEAMS_PER_LA}"
        caseworker = f"cw-{cw}"
        dob = today - timedelta(days=rng.randrange(0, 25 * 365))
        cases.append((case_id, la, rng.choice(GIVEN), rng.choice(FAMILY), dob, la, caseworker,
                      team, 1, now, now))
        count = per_case + (1 if n < DEADLINES - per_case * CASES else 0)
        for kind in rng.choices(kinds, weights, k=count):
            deadline_id = str(uuid.uuid4())
            due_on = today + timedelta(days=rng.randrange(-365, 366))
            if rng.random() < OPEN_SHARE:
                status, closed_on = "open", None
                alert_on = due_on - timedelta(days=14)
            else:
                status, closed_on = "closed", due_on - timedelta(days=rng.randrange(0, 30))
                alert_on = None
            owner_cw = caseworker if rng.random() < 0.95 else None
            deadlines.append((deadline_id, la, case_id, kind, deadline_id, due_on, status,
                              closed_on, team, owner_cw, 0, alert_on, now))
    return cases, deadlines


async def load(dsn: str, cases: list[tuple[Any, ...]],
               deadlines: list[tuple[Any, ...]]) -> float:
    started = time.perf_counter()
    conn = await asyncpg.connect(dsn)
    try:
        await conn.copy_records_to_table("case", schema_name="assessment", records=cases,
                                         columns=CASE_COLUMNS)
        await conn.copy_records_to_table("deadline", schema_name="assessment",
                                         records=deadlines, columns=DEADLINE_COLUMNS)
        # VACUUM as well as ANALYZE: a table grown to this size has been through
        # autovacuum, whose visibility map lets counts use index-only scans; straight after
        # COPY the map is empty and every count would read the heap.
        verb = "VACUUM (ANALYZE)" if VACUUM else "ANALYZE"
        await conn.execute(f'{verb} "assessment"."case"')
        await conn.execute(f'{verb} "assessment".deadline')
    finally:
        await conn.close()
    return time.perf_counter() - started


def query_mix(count: int) -> list[tuple[str, dict[str, Any]]]:
    """(shape, query parameters) for `count` requests, fixed seed."""
    rng = random.Random(SEED + 1)
    kinds, weights = kind_weights()
    shapes = ("la", "caseworker", "team", "kind", "overdue", "not_overdue", "due_within",
              "caseworker+due_within", "team+overdue", "team+kind", "caseworker+overdue")
    mix = []
    for _ in range(count):
        shape = rng.choice(shapes)
        params: dict[str, Any] = {"limit": 50}
        for part in shape.split("+"):
            if part == "caseworker":
                params["caseworker_id"] = f"cw-{rng.randrange(CASEWORKERS_PER_LA)}"
            elif part == "team":
                params["team"] = f"team-{rng.randrange(TEAMS_PER_LA)}"
            elif part == "kind":
                params["kind"] = rng.choices(kinds, weights)[0]
            elif part == "overdue":
                params["overdue"] = "true"
            elif part == "not_overdue":
                params["overdue"] = "false"
            elif part == "due_within":
                params["due_within_days"] = rng.choice((7, 14, 30, 60))
        params["offset"] = rng.choice((0, 0, 0, 0, 50, 100, 250, 500, 1000))
        if rng.random() < 0.15:
            params["sort"] = "-due_on"
        mix.append((shape, params))
    return mix


async def drive(client: httpx.AsyncClient, headers: dict[str, str],
                mix: list[tuple[str, dict[str, Any]]], path: str = "/v1/deadlines"
                ) -> dict[str, Any]:
    """GET `path` with each (shape, params) of `mix` in turn: latency overall and by shape,
    and the median total each shape's pages report."""
    by_shape: dict[str, list[float]] = defaultdict(list)
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    totals: dict[str, list[int]] = defaultdict(list)
    for shape, params in mix:
        started = time.perf_counter()
        r = await client.get(path, params=params, headers=headers)
        elapsed_ms = (time.perf_counter() - started) * 1000
        statuses[r.status_code] = statuses.get(r.status_code, 0) + 1
        if r.status_code != 200:
            continue
        latencies.append(elapsed_ms)
        by_shape[shape].append(elapsed_ms)
        totals[shape].append(int(r.json()["total"]))
    return {"requests": len(mix), "ok": len(latencies), "statuses": statuses,
            "p50_ms": percentile(latencies, 50), "p95_ms": percentile(latencies, 95),
            "p99_ms": percentile(latencies, 99), "max_ms": max(latencies, default=0.0),
            "mean_ms": sum(latencies) / len(latencies) if latencies else 0.0,
            "by_shape": {s: {"n": len(v), "p50_ms": percentile(v, 50),
                             "p95_ms": percentile(v, 95),
                             "median_total": int(percentile(totals[s], 50))}
                         for s, v in sorted(by_shape.items())}}


async def http_phase(database_url: str, *, name: str = NAME, path: str = "/v1/deadlines",
                     warmup: list[tuple[str, dict[str, Any]]] | None = None,
                     mix: list[tuple[str, dict[str, Any]]] | None = None) -> dict[str, Any]:
    """`sendsys serve assessment` on the database, then the warm-up and the measured mix of
    GET `path` (the work tray's by default), one request at a time as an LA 201 caseworker."""
    port = free_port()
    cmd = [sendsys_bin(), "serve", "assessment", "--host", LOCALHOST, "--port", str(port)]
    log_path = Path(tempfile.gettempdir()) / f"sendsys-bench-{name}.service.log"
    proc = start_service(cmd, database_url, log_path)
    try:
        base_url = f"http://{LOCALHOST}:{port}"
        await wait_healthy(base_url, proc)
        headers = {"Authorization": f"Bearer {token()}"}
        async with httpx.AsyncClient(base_url=base_url, timeout=30) as client:
            await drive(client, headers, warmup or query_mix(WARMUP)[::-1], path)
            measured = await drive(client, headers, mix or query_mix(REQUESTS), path)
    finally:
        stop_child(proc)
    measured["command"] = shell(cmd)
    measured["service_log"] = str(log_path)
    return measured


async def explain(dsn: str, today: date) -> dict[str, str]:
    """EXPLAIN ANALYZE of the two statements behind the slowest shapes (for the record)."""
    conn = await asyncpg.connect(dsn)
    plans = {}
    try:
        for label, where in (
                ("la count", "la_code = '201' AND status = 'open'"),
                ("team page", "la_code = '201' AND status = 'open' AND owner_team = 'team-3'"),
                ("caseworker overdue page", "la_code = '201' AND status = 'open' AND "
                 f"owner_caseworker_id = 'cw-7' AND due_on < '{today.isoformat()}'")):
            select = ("count(*)" if "count" in label else "*")
            tail = "" if "count" in label else " ORDER BY due_on, id LIMIT 50"
            rows = await conn.fetch(f"EXPLAIN (ANALYZE, BUFFERS) SELECT {select} "  # noqa: S608
                                    f"FROM assessment.deadline WHERE {where}{tail}")
            plans[label] = "\n".join(r[0] for r in rows)
    finally:
        await conn.close()
    return plans


def run() -> dict[str, Any]:
    today = date.today()
    started = time.perf_counter()
    cases, deadlines = build_rows(today)
    built_s = time.perf_counter() - started
    open_201 = sum(1 for d in deadlines if d[1] == LA and d[6] == "open")
    with throwaway_database() as url:
        load_s = asyncio.run(load(libpq_url(url), cases, deadlines))
        del cases, deadlines
        http = asyncio.run(http_phase(url))
        plans = asyncio.run(explain(libpq_url(url), today))
    me = this_command(f"bench.{NAME}")
    figures = latency_figures("work tray", http, me)
    return {"figures": figures, "cases": CASES, "deadlines": DEADLINES,
            "open_deadlines_la_201": open_201, "vacuumed": VACUUM, "build_rows_s": built_s,
            "copy_s": load_s,
            "http": http, "plans": plans,
            "ok": all(f["ok"] for f in figures if f["ok"] is not None)}


def main() -> None:
    result = run()
    path = write_result(NAME, result)
    print_figures(NAME, result["figures"])
    http = result["http"]
    print(f"  ({result['cases']:,} cases, {result['deadlines']:,} deadlines, "
          f"{result['open_deadlines_la_201']:,} open in LA {LA}; rows built in "
          f"{result['build_rows_s']:.1f}s, COPY + {'VACUUM ' if result['vacuumed'] else ''}"
          f"ANALYZE {result['copy_s']:.1f}s; "
          f"{http['ok']}/{http['requests']} requests 200, one at a time; max "
          f"{http['max_ms']:.1f} ms; service: {http['command']})")
    print_shapes(http)
    print(f"  results: {path}")


def latency_figures(label: str, http: dict[str, Any], command: str) -> list[dict[str, Any]]:
    """p50, p95 (against the 50 ms target, all requests answered 200) and p99."""
    complete = http["ok"] == http["requests"]
    return [
        figure(f"{label} p50", http["p50_ms"], "ms", command=command),
        figure(f"{label} p95", http["p95_ms"], "ms", target=f"< {TARGET_P95_MS:.0f} ms",
               ok=complete and http["p95_ms"] < TARGET_P95_MS, command=command),
        figure(f"{label} p99", http["p99_ms"], "ms", command=command),
    ]


def print_shapes(http: dict[str, Any]) -> None:
    print("  p50/p95 ms by shape (median total):")
    for shape, s in http["by_shape"].items():
        print(f"    {shape:<26} {s['p50_ms']:6.1f} / {s['p95_ms']:6.1f}  "
              f"(n={s['n']}, total {s['median_total']:,})")


if __name__ == "__main__":
    main()
