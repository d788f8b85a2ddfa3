"""The ceiling of the stack for the write path's transaction: the same two statements the
create-request use case sends (the case lookup with its row lock, then the request, its
deadline, its timeline entry and its outbox row as one insert) and a commit, served by a
bare FastAPI route (a validated JSON body, a JSON response; no auth, no middleware, no
domain code, no relay) under uvicorn with the same workers, loop and HTTP parser as
`sendsys serve`, driven by the same client as bench/write_path.py.

    uv run python -m bench.stack_ceiling          # BENCH_DURATION_S=20 BENCH_CONCURRENCY=32

Two ways of sending the statements, each measured:
- `sqlalchemy`: SQLAlchemy Core `AsyncConnection` on the asyncpg driver (as the services);
- `asyncpg`: asyncpg alone, a pool and prepared statements.
What sendsys adds to either (auth, tenancy, validation, the rules, events, relay) is on
top of these figures, so `create-request throughput` in bench/write_path.py cannot pass
the ceiling of its driver. pgbench runs the same kind of transaction for the ratio.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import tempfile
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Any

import asyncpg
from fastapi import FastAPI
from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from bench._common import (
    LOCALHOST,
    figure,
    libpq_url,
    print_figures,
    stop_child,
    this_command,
    throwaway_database,
    write_result,
)
from bench._http_load import keep_in_flight, requests_from
from bench.write_path import (
    CONCURRENCY,
    DURATION_S,
    WARMUP_S,
    WORKERS,
    cpu_seconds,
    database_cpu_seconds,
    pgbench_phase,
    wait_healthy,
)
from common.testing.ports import free_port

NAME = "stack_ceiling"
CASES = int(os.environ.get("BENCH_CASES", "100000"))
DRIVERS = ("sqlalchemy", "asyncpg")

LOOKUP = (
    'SELECT c.*, (SELECT max(p.first_issued_on) FROM plan p WHERE p.case_id = c.id '
    "AND p.origin IN ('new', 'transfer') AND p.first_issued_on <= $1) AS last_final_plan_on, "
    "(SELECT max(coalesce(r.plan_outcome_notified_on, r.plan_outcome_on)) "
    "FROM assessment_request r WHERE r.case_id = c.id AND r.plan_outcome = 'refused' "
    "AND coalesce(r.plan_outcome_notified_on, r.plan_outcome_on) <= $1) "
    'AS last_no_plan_notice_on FROM "case" c WHERE c.id = $2 AND c.la_code = $3 '
    "FOR UPDATE OF c")
RECEIVED = "CAST($4 AS date)"
INSERT = (
    "WITH held_0 AS (INSERT INTO assessment_request (id, case_id, la_code, requester_type, "
    "received_on, decision_due_on, no_plan_notice_due_on, final_plan_due_on, "
    "repeat_within_six_months, status, created_at) VALUES ($1, $2, $3, 'parent', "
    f"{RECEIVED}, {RECEIVED} + 42, {RECEIVED} + 112, {RECEIVED} + 140, false, "
    "'awaiting_decision', now())), "
    "held_1 AS (INSERT INTO deadline (id, la_code, case_id, kind, ref_id, due_on, status, "
    "owner_team, owner_caseworker_id, next_stage, next_alert_on, created_at) VALUES ($5, $3, "
    f"$2, 'decide_whether_to_assess', $1, {RECEIVED} + 42, 'open', 'north', 'cw-17', 0, "
    f"{RECEIVED} + 28, now())), "
    "held_2 AS (INSERT INTO timeline_entry (case_id, la_code, event_type, occurred_on, data, "
    "created_at) VALUES ($2, $3, 'send.assessment.request.received.v1', "
    f"{RECEIVED}, CAST($6 AS json), now())) "
    "INSERT INTO outbox (event_id, event_type, topic, key, payload, created_at) VALUES ($7, "
    "'send.assessment.request.received.v1', 'send.assessment', 'case/' || $2, $8, now())")


class RequestCreate(BaseModel):
    requester_type: str
    received_on: date


class RequestOut(BaseModel):
    id: str
    case_id: str
    received_on: date


def create_app() -> Any:
    """The bare route (uvicorn imports this from the environment it is started with)."""

    dsn = os.environ["CEILING_DSN"]
    driver = os.environ["CEILING_DRIVER"]
    state: dict[str, Any] = {}
    settings = {"search_path": "assessment"}

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if driver == "asyncpg":
            state["pool"] = await asyncpg.create_pool(dsn, min_size=10, max_size=10,
                                                      server_settings=settings)
        else:
            state["engine"] = create_async_engine(
                dsn.replace("postgresql://", "postgresql+asyncpg://"), pool_size=10,
                max_overflow=0, connect_args={"server_settings": settings})
        yield

    app = FastAPI(lifespan=lifespan)

    def values(case_id: str, received_on: date) -> tuple[Any, ...]:
        request_id, event_id = str(uuid.uuid4()), str(uuid.uuid4())
        data = {"case_id": case_id, "request_id": request_id,
                "received_on": received_on.isoformat()}
        return (request_id, case_id, "201", received_on, str(uuid.uuid4()), json.dumps(data),
                event_id, json.dumps({"id": event_id,
                                      "type": "send.assessment.request.received.v1",
                                      "data": data}))

    if driver == "asyncpg":
        @app.post("/cases/{case_id}/requests", status_code=201)
        async def create(case_id: str, body: RequestCreate) -> RequestOut:
            async with state["pool"].acquire() as conn, conn.transaction():
                found = await conn.fetchrow(LOOKUP, body.received_on, case_id, "201")
                assert found is not None
                row = values(case_id, body.received_on)
                await conn.execute(INSERT, *row)
            return RequestOut(id=row[0], case_id=case_id, received_on=body.received_on)
    else:
        lookup = text(LOOKUP.replace("$1", ":received_on").replace("$2", ":case_id")
                      .replace("$3", ":la_code"))
        insert = text(INSERT.replace("$1", ":request_id").replace("$2", ":case_id")
                      .replace("$3", ":la_code").replace("$4", ":received_on")
                      .replace("$5", ":deadline_id").replace("$6", ":data")
                      .replace("$7", ":event_id").replace("$8", ":payload"))
        names = ("request_id", "case_id", "la_code", "received_on", "deadline_id", "data",
                 "event_id", "payload")

        @app.post("/cases/{case_id}/requests", status_code=201)
        async def create(case_id: str, body: RequestCreate) -> RequestOut:  # type: ignore[misc]
            async with state["engine"].begin() as conn:
                found = (await conn.execute(lookup, {
                    "received_on": body.received_on, "case_id": case_id, "la_code": "201"})
                ).first()
                assert found is not None
                row = values(case_id, body.received_on)
                await conn.execute(insert, dict(zip(names, row, strict=True)))
            return RequestOut(id=row[0], case_id=case_id, received_on=body.received_on)

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    return app


async def seed_cases(dsn: str, count: int) -> list[str]:
    conn = await asyncpg.connect(dsn)
    try:
        rows = await conn.fetch(
            'INSERT INTO assessment."case" (id, la_code, given_name, family_name, '
            "date_of_birth, caseworker_id, team, version, created_at, updated_at, "
            "needs_reconciliation) SELECT gen_random_uuid()::text, '201', 'Amara', 'Bench', "
            "date '2019-03-14', 'cw-17', 'north', 1, now(), now(), false "
            "FROM generate_series(1, $1) RETURNING id", count)
    finally:
        await conn.close()
    return [r["id"] for r in rows]


async def drive(port: int, case_ids: list[str], seconds: float) -> dict[str, Any]:
    paths = (f"/cases/{case_id}/requests" for case_id in case_ids)
    load = await keep_in_flight(LOCALHOST, port, CONCURRENCY, seconds, requests_from(
        paths, {"requester_type": "parent", "received_on": "2026-12-01"}), {})
    created = load.statuses.get(201, 0)
    return {"rps": created / load.elapsed_s, "created": created, "statuses": load.statuses,
            "errors": load.errors[:3]}


def start(cmd: list[str], env: dict[str, str], log_path: Path) -> subprocess.Popen[bytes]:
    with open(log_path, "wb") as log:
        return subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603


async def one_driver(driver: str, dsn: str, case_ids: list[str]) -> dict[str, Any]:
    port = free_port()
    env = {**os.environ, "CEILING_DSN": dsn, "CEILING_DRIVER": driver}
    cmd = [sys.executable, "-m", "uvicorn", "--factory", "bench.stack_ceiling:create_app",
           "--host", LOCALHOST, "--port", str(port), "--workers", str(WORKERS),
           "--loop", "uvloop", "--http", "httptools", "--no-access-log", "--log-level",
           "warning"]
    proc = start(cmd, env, Path(tempfile.gettempdir()) / f"sendsys-bench-{NAME}-{driver}.log")
    try:
        await wait_healthy(f"http://{LOCALHOST}:{port}", proc)
        warm = len(case_ids) // 10
        await drive(port, case_ids[:warm], WARMUP_S)
        cpu_before, database_before = cpu_seconds(proc.pid), database_cpu_seconds()
        measured = await drive(port, case_ids[warm:], DURATION_S)
        created = max(measured["created"], 1)
        measured["service_cpu_ms_per_request"] = (cpu_seconds(proc.pid) - cpu_before) \
            * 1000 / created
        measured["database_cpu_ms_per_request"] = (database_cpu_seconds() - database_before) \
            * 1000 / created
    finally:
        stop_child(proc)
    return measured


def run() -> dict[str, Any]:
    with throwaway_database() as url:
        dsn = libpq_url(url)
        cases = asyncio.run(seed_cases(dsn, CASES))
        half = len(cases) // len(DRIVERS)
        measured = {driver: asyncio.run(one_driver(driver, dsn, cases[i * half:(i + 1) * half]))
                    for i, driver in enumerate(DRIVERS)}
        pg = pgbench_phase(url)
    me = this_command(f"bench.{NAME}")
    figures = []
    for driver, m in measured.items():
        figures += [
            figure(f"bare route on {driver}", m["rps"], "req/s", command=me),
            figure("  its service CPU per request", m["service_cpu_ms_per_request"], "ms",
                   command=me),
            figure("  its database CPU per request", m["database_cpu_ms_per_request"], "ms",
                   command=me),
            figure("  its ratio to pgbench", m["rps"] / pg["tps"], "", command=me),
        ]
    figures.append(figure("pgbench (state + outbox insert)", pg["tps"], "tps",
                          command=pg["command"]))
    return {"figures": figures, "drivers": measured, "pgbench": pg}


def main() -> None:
    result = run()
    path = write_result(NAME, result)
    print_figures(NAME, result["figures"])
    for driver, m in result["drivers"].items():
        print(f"  ({driver}: statuses {m['statuses']}, first errors {m['errors']})")
    print(f"  results: {path}")


if __name__ == "__main__":
    main()
