"""Legacy import: 20,000 existing plans (a Kent-sized LA) through the bulk import endpoint.

    uv run python -m bench.legacy_import         # BENCH_LEGACY_ROWS=20000 BENCH_LEGACY_FORMAT=json

1. A throwaway database migrated with every service.
2. `sendsys serve assessment` (uvicorn, one process) as a child, env=test, sweep off,
   relay on (embedded bus), on that database.
3. BENCH_LEGACY_ROWS valid rows, fixed seed: legacy reference, names, dates of birth
   across ages 0-25, a valid UPN (check letter by assessment.domain.identifiers, the
   LA's number in it) for four in five, the plan's first issue date between age 2 and
   today, a last review date for most, setting name and type, SEN2 primary need,
   caseworker and team.
4. `POST /v1/legacy-imports` (LA 201 caseworker): the whole file in one request (the API
   takes up to 50,000 rows a request, validated row by row in one transaction; a case,
   a plan, its first version and its annual review deadline per row). Timed from the
   request sent to the response (its row-by-row report) read. Target < 60 s (issue 3).
5. The same file again: every row skipped (the legacy reference is unique per LA),
   nothing written but the import's own record; timed too.
Then the database is checked: exactly BENCH_LEGACY_ROWS legacy plans, cases and open
annual review deadlines.
"""

from __future__ import annotations

import asyncio
import csv
import io
import os
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx

from bench._common import (
    LOCALHOST,
    figure,
    libpq_url,
    print_figures,
    sendsys_bin,
    shell,
    stop_child,
    this_command,
    throwaway_database,
    write_result,
)
from bench.write_path import cpu_seconds, start_service, token, wait_healthy
from common.testing.ports import free_port

NAME = "legacy_import"
ROWS = int(os.environ.get("BENCH_LEGACY_ROWS", "20000"))
FORMAT = os.environ.get("BENCH_LEGACY_FORMAT", "json")
TARGET_S = 60.0
LA = "201"
SEED = 886
GIVEN = ("Amara", "Oliver", "Aisha", "Noah", "Isla", "Mohammed", "Freya", "Leo", "Zara",
         "Jack", "Maya", "Harry", "Ava", "Yusuf", "Poppy", "Theo", "Chloe", "Kacper")
FAMILY = ("Okafor", "Smith", "Khan", "Jones", "Patel", "Williams", "Brown", "Taylor",
          "Nowak", "Evans", "Ahmed", "Wilson", "Davies", "Murphy", "O'Neill", "Lewis-Hall")
SETTINGS = (("Hilltop Primary School", "mainstream_school"),
            ("Valley Academy", "academy"), ("Oakwood Special School", "special_school"),
            ("Riverside Nursery", "early_years"), ("North Kent College", "fe_college"),
            ("Meadow Special Academy", "special_academy"),
            ("St Anne's Sixth Form College", "sixth_form_college"),
            ("The Bridge PRU", "pupil_referral_unit"), (None, None))
NEEDS = ("ASD", "SLCN", "SEMH", "MLD", "SpLD", "SLD", "PMLD", "PD", "HI", "VI", "MSI", "OTH")
COLUMNS = ("legacy_ref", "given_name", "family_name", "date_of_birth", "issued_on",
           "last_reviewed_on", "upn", "setting_name", "setting_type", "primary_need",
           "caseworker_id", "team")


def upn(rng: random.Random) -> str:
    from assessment.domain.identifiers import upn_check_letter, validate_upn

    body = f"{LA}{rng.randrange(1000, 8000):04d}{rng.randrange(0, 100):02d}" \
           f"{rng.randrange(0, 1000):03d}"
    return validate_upn(upn_check_letter(body) + body)


def legacy_rows(count: int, today: date) -> list[dict[str, Any]]:
    rng = random.Random(SEED)
    rows = []
    for n in range(count):
        age_days = rng.randrange(0, 25 * 365 + 300)
        born = today - timedelta(days=age_days)
        earliest = born + timedelta(days=min(age_days, 2 * 365))
        issued = earliest + timedelta(days=rng.randrange(0, (today - earliest).days + 1))
        reviewed = None
        if (today - issued).days > 30 and rng.random() < 0.85:
            reviewed = issued + timedelta(days=rng.randrange(1, (today - issued).days + 1))
        setting_name, setting_type = rng.choice(SETTINGS)
        cw = rng.randrange(120)
        rows.append({
            "legacy_ref": f"KCC-EHCP-{n + 1:06d}", "given_name": rng.choice(GIVEN),
            "family_name": rng.choice(FAMILY), "date_of_birth": born.isoformat(),
            "issued_on": issued.isoformat(),
            "last_reviewed_on": reviewed.isoformat() if reviewed else None,
            "upn": upn(rng) if rng.random() < 0.8 else None,
            "setting_name": setting_name, "setting_type": setting_type,
            "primary_need": rng.choice(NEEDS), "caseworker_id": f"cw-{cw}",
            "team": f"team-{cw % 8}"})
    return rows


def body_for(rows: list[dict[str, Any]]) -> dict[str, Any]:
    if FORMAT == "json":
        return {"format": "json", "rows": rows}
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows({k: ("" if v is None else v) for k, v in r.items()} for r in rows)
    return {"format": "csv", "csv": out.getvalue()}


async def post_import(client: httpx.AsyncClient, headers: dict[str, str], content: bytes,
                      pid: int) -> dict[str, Any]:
    cpu_before = cpu_seconds(pid)
    started = time.perf_counter()
    r = await client.post("/v1/legacy-imports", headers=headers, content=content)
    elapsed = time.perf_counter() - started
    if r.status_code != 201:
        raise RuntimeError(f"import answered {r.status_code}: {r.text[:500]}")
    report = r.json()
    return {"seconds": elapsed, "service_cpu_s": cpu_seconds(pid) - cpu_before,
            "status": r.status_code, "rows_total": report["rows_total"],
            "accepted": report["accepted"], "skipped": report["skipped"],
            "rejected": report["rejected"], "response_bytes": len(r.content),
            "first_rejections": [x for x in report["report"] if x["outcome"] == "rejected"][:3]}


async def counts(dsn: str) -> dict[str, int]:
    conn = await asyncpg.connect(dsn)
    try:
        return {
            "legacy_plans": await conn.fetchval(
                "SELECT count(*) FROM assessment.plan WHERE origin = 'legacy'"),
            "cases": await conn.fetchval('SELECT count(*) FROM assessment."case"'),
            "open_annual_review_deadlines": await conn.fetchval(
                "SELECT count(*) FROM assessment.deadline "
                "WHERE kind = 'annual_review_due' AND status = 'open'"),
            "imports": await conn.fetchval("SELECT count(*) FROM assessment.legacy_import"),
        }
    finally:
        await conn.close()


async def http_phase(database_url: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    import json

    port = free_port()
    cmd = [sendsys_bin(), "serve", "assessment", "--host", LOCALHOST, "--port", str(port)]
    log_path = Path(tempfile.gettempdir()) / f"sendsys-bench-{NAME}.service.log"
    proc = start_service(cmd, database_url, log_path)
    content = json.dumps(body_for(rows)).encode()
    out: dict[str, Any] = {"request_bytes": len(content)}
    try:
        base_url = f"http://{LOCALHOST}:{port}"
        await wait_healthy(base_url, proc)
        headers = {"Authorization": f"Bearer {token()}", "Content-Type": "application/json"}
        async with httpx.AsyncClient(base_url=base_url, timeout=600) as client:
            # Warm up the route (imports, first connections) with an empty import.
            warm = json.dumps(body_for([])).encode()
            await post_import(client, headers, warm, proc.pid)
            out["first"] = await post_import(client, headers, content, proc.pid)
            print(f"  first run: {out['first']['accepted']:,} accepted in "
                  f"{out['first']['seconds']:.1f}s", flush=True)
            out["again"] = await post_import(client, headers, content, proc.pid)
    finally:
        stop_child(proc)
    out["command"] = shell(cmd)
    out["service_log"] = str(log_path)
    return out


def run() -> dict[str, Any]:
    rows = legacy_rows(ROWS, date.today())
    with throwaway_database() as url:
        http = asyncio.run(http_phase(url, rows))
        db = asyncio.run(counts(libpq_url(url)))
    first, again = http["first"], http["again"]
    complete = (first["accepted"] == ROWS and again["skipped"] == ROWS
                and db["legacy_plans"] == ROWS and db["cases"] == ROWS
                and db["open_annual_review_deadlines"] == ROWS)
    me = this_command(f"bench.{NAME}")
    figures = [
        figure(f"import {ROWS:,} legacy plans ({FORMAT})", first["seconds"], "s",
               target=f"< {TARGET_S:.0f} s", ok=complete and first["seconds"] < TARGET_S,
               command=me),
        figure("import rate", ROWS / first["seconds"], "rows/s", command=me),
        figure("same file again (all skipped)", again["seconds"], "s",
               ok=again["skipped"] == ROWS and again["accepted"] == 0, command=me),
    ]
    return {"figures": figures, "rows": ROWS, "format": FORMAT, "http": http, "database": db,
            "complete": complete, "ok": all(f["ok"] for f in figures if f["ok"] is not None)}


def main() -> None:
    result = run()
    path = write_result(NAME, result)
    print_figures(NAME, result["figures"])
    http, db = result["http"], result["database"]
    for label in ("first", "again"):
        r = http[label]
        print(f"  ({label}: {r['accepted']:,} accepted, {r['skipped']:,} skipped, "
              f"{r['rejected']:,} rejected of {r['rows_total']:,}; service CPU "
              f"{r['service_cpu_s']:.1f}s; response {r['response_bytes'] / 1e6:.1f} MB)")
    print(f"  (request {http['request_bytes'] / 1e6:.1f} MB; database after both: "
          f"{db['legacy_plans']:,} legacy plans, {db['cases']:,} cases, "
          f"{db['open_annual_review_deadlines']:,} open annual review deadlines, "
          f"{db['imports']} import records; service: {http['command']})")
    print(f"  results: {path}")


if __name__ == "__main__":
    main()
