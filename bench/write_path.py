"""Write path: create-request throughput and latency through HTTP on Postgres, against
pgbench running the same kind of transaction (a state row + an outbox row) on the same
database in the same run.

    uv run python -m bench.write_path            # BENCH_DURATION_S=20 BENCH_CONCURRENCY=32

1. A throwaway database, migrated with every service.
2. `sendsys serve assessment --workers BENCH_WORKERS` (uvicorn) as a child, env=test,
   sweep off, relay on (embedded bus), on that database.
3. From this process: open BENCH_CASES cases, warm up, then for BENCH_DURATION_S seconds
   keep BENCH_CONCURRENCY requests in flight with a lean keep-alive HTTP/1.1 client
   (bench/_http_load.py), each a `POST /v1/cases/{id}/requests` (one transaction: the
   case lookup, the request row returned by its INSERT, its deadline row, its timeline
   entry and its outbox row).
   Then, for the same time, `GET /healthz` on the same service with the same client: the
   floor of the HTTP stack alone (uvicorn, FastAPI, our middleware; no token, no database),
   which bounds what any endpoint of this stack can reach on this machine.
4. Stop the service, then `pgbench -n -c 16 -j 2 -T <duration>` with a script inserting a
   request-shaped row and a real request.received outbox payload into copies of the two
   tables (`CREATE TABLE ... (LIKE ... INCLUDING ALL)`), in one transaction.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import subprocess
import tempfile
import time
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
from bench._http_load import keep_in_flight, requests_from
from common.testing.ports import free_port

NAME = "write_path"
DURATION_S = float(os.environ.get("BENCH_DURATION_S", "20"))
WARMUP_S = float(os.environ.get("BENCH_WARMUP_S", "3"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "32"))
CASES = int(os.environ.get("BENCH_CASES", "40000"))
PGBENCH_CLIENTS = int(os.environ.get("BENCH_PGBENCH_CLIENTS", "16"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
TARGET_RATIO, FAIL_RATIO = 0.25, 0.10
LA = "201"


def service_env(database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SENDSYS_")}
    env.update({"SENDSYS_DATABASE_URL": database_url, "SENDSYS_ENV": "test",
                "SENDSYS_SWEEP_INTERVAL_S": "0", "SENDSYS_LOG_LEVEL": "WARNING"})
    return env


async def wait_healthy(base_url: str, proc: subprocess.Popen[bytes],
                       timeout_s: float = 180) -> None:
    deadline = time.monotonic() + timeout_s
    async with httpx.AsyncClient(base_url=base_url, timeout=2) as client:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"the service exited early (code {proc.returncode})")
            try:
                if (await client.get("/healthz")).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            await asyncio.sleep(0.2)
    raise RuntimeError(f"{base_url} did not become healthy in {timeout_s}s")


def token() -> str:
    from common.auth import mint_token
    from common.settings import Settings
    return mint_token(Settings(env="test"), la_code=LA, roles=("la_caseworker",),
                      subject="bench", now=datetime.now(UTC))


async def open_cases(client: httpx.AsyncClient, headers: dict[str, str], dsn: str,
                     count: int) -> list[str]:
    """One case through the API, then `count` copies of its row by SQL (a request is unique
    per case, day and requester, so every timed request gets a case of its own)."""
    r = await client.post("/v1/cases", headers=headers, json={
        "given_name": "Amara", "family_name": "Bench", "date_of_birth": "2019-03-14",
        "caseworker_id": "cw-17", "team": "north",
        "contacts": [{"role": "parent", "name": "Ngozi Bench", "email": "ngozi@example.org",
                      "preferred_channel": "email"}]})
    r.raise_for_status()
    template = r.json()["id"]
    conn = await asyncpg.connect(dsn)
    try:
        rows = await conn.fetch(
            'INSERT INTO assessment."case" '
            "SELECT (jsonb_populate_record(c, jsonb_build_object("
            "'id', gen_random_uuid()::text))).* "
            'FROM assessment."case" c, generate_series(1, $2) WHERE c.id = $1 RETURNING id',
            template, count)
    finally:
        await conn.close()
    return [row["id"] for row in rows]


async def drive(port: int, headers: dict[str, str], case_ids: list[str],
                seconds: float, concurrency: int) -> dict[str, Any]:
    """Keep `concurrency` create-request calls in flight for `seconds`."""
    received_on = (date.today() - timedelta(days=3)).isoformat()
    paths = (f"/v1/cases/{case_id}/requests" for case_id in case_ids)
    load = await keep_in_flight(LOCALHOST, port, concurrency, seconds,
                                requests_from(paths, {"requester_type": "parent",
                                                      "received_on": received_on}), headers)
    ok = load.statuses.get(201, 0)
    latencies = load.latencies
    return {"elapsed_s": load.elapsed_s, "requests": len(latencies), "created": ok,
            "statuses": load.statuses, "errors": len(load.errors),
            "first_errors": load.errors[:3], "rps": ok / load.elapsed_s,
            "client_cpu_ms_per_request": load.client_cpu_s * 1000 / max(len(latencies), 1),
            "p50_ms": percentile(latencies, 50) * 1000,
            "p99_ms": percentile(latencies, 99) * 1000,
            "mean_ms": (sum(latencies) / len(latencies) * 1000) if latencies else 0.0}


def start_service(cmd: list[str], database_url: str, log_path: Path) -> subprocess.Popen[bytes]:
    with open(log_path, "wb") as log:
        return subprocess.Popen(cmd, env=service_env(database_url), stdout=log,  # noqa: S603
                                stderr=subprocess.STDOUT)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time so far of a process and its live children (uvicorn workers),
    from /proc/<pid>/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    children = Path(f"/proc/{pid}/task/{pid}/children")
    kids = children.read_text().split() if children.exists() else []
    return own + sum(cpu_seconds(int(kid)) for kid in kids)


def database_cpu_seconds() -> float:
    """User + system CPU time so far of the Postgres server on this machine: every live
    Postgres process, and (through the postmaster's children times) the ones that ended,
    from /proc."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        name, _, rest = text.partition(") ")
        if name.endswith("(postgres"):
            fields = rest.split()
            total += sum(map(int, fields[11:15])) / os.sysconf("SC_CLK_TCK")
    return total


def load_average() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])


def start_profiler(pid: int) -> subprocess.Popen[bytes] | None:
    """BENCH_PROFILE=<file>: sample the service with py-spy during the timed phase
    (raw collapsed stacks; needs `py-spy` on PATH or `uvx`)."""
    out = os.environ.get("BENCH_PROFILE")
    if not out:
        return None
    spy = shutil.which("py-spy")
    cmd = [spy] if spy else ["uvx", "py-spy"]
    cmd += ["record", "--subprocesses", "-p", str(pid), "-d", str(int(DURATION_S) - 1),
            "-r", "100", "-f", "raw", "-o", out]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603


async def http_floor(port: int, pid: int) -> dict[str, Any]:
    """`GET /healthz` kept in flight like the timed phase: the stack's own cost."""
    cpu_before = cpu_seconds(pid)
    load = await keep_in_flight(LOCALHOST, port, CONCURRENCY, DURATION_S,
                                lambda: ("GET", "/healthz", b""), {})
    ok = max(load.statuses.get(200, 0), 1)
    return {"rps": ok / load.elapsed_s, "statuses": load.statuses, "errors": len(load.errors),
            "service_cpu_ms_per_request": (cpu_seconds(pid) - cpu_before) * 1000 / ok}


async def http_phase(database_url: str) -> dict[str, Any]:
    port = free_port()
    cmd = [sendsys_bin(), "serve", "assessment", "--host", LOCALHOST, "--port", str(port),
           "--workers", str(WORKERS)]
    log_path = Path(tempfile.gettempdir()) / f"sendsys-bench-{NAME}.service.log"
    proc = start_service(cmd, database_url, log_path)
    try:
        base_url = f"http://{LOCALHOST}:{port}"
        await wait_healthy(base_url, proc)
        headers = {"Authorization": f"Bearer {token()}"}
        async with httpx.AsyncClient(base_url=base_url, timeout=30) as client:
            cloning = time.perf_counter()
            case_ids = await open_cases(client, headers, libpq_url(database_url), CASES)
        print(f"  {len(case_ids)} cases ready in {time.perf_counter() - cloning:.1f}s",
              flush=True)
        await drive(port, headers, case_ids[:len(case_ids) // 10], WARMUP_S, CONCURRENCY)
        profiler = start_profiler(proc.pid)
        cpu_before, database_cpu_before = cpu_seconds(proc.pid), database_cpu_seconds()
        measured = await drive(port, headers, case_ids[len(case_ids) // 10:], DURATION_S,
                               CONCURRENCY)
        measured["service_cpu_s"] = cpu_seconds(proc.pid) - cpu_before
        measured["database_cpu_s"] = database_cpu_seconds() - database_cpu_before
        measured["load_average_1m"] = load_average()
        created = max(measured["created"], 1)
        measured["service_cpu_ms_per_request"] = measured["service_cpu_s"] * 1000 / created
        measured["database_cpu_ms_per_request"] = measured["database_cpu_s"] * 1000 / created
        measured["service_cpu_share"] = measured["service_cpu_s"] / measured["elapsed_s"]
        if profiler is not None:
            profiler.wait(timeout=60)
        measured["floor"] = await http_floor(port, proc.pid)
    finally:
        stop_child(proc)
    measured["command"] = shell(cmd)
    measured["concurrency"] = CONCURRENCY
    measured["duration_s"] = DURATION_S
    measured["service_log"] = str(log_path)
    return measured


PGBENCH_SETUP = """
CREATE SCHEMA IF NOT EXISTS bench;
CREATE TABLE bench.assessment_request (LIKE assessment.assessment_request INCLUDING ALL);
CREATE TABLE bench.outbox (LIKE assessment.outbox INCLUDING ALL);
ALTER TABLE bench.outbox ALTER COLUMN id DROP DEFAULT;
CREATE SEQUENCE bench.outbox_id_seq OWNED BY bench.outbox.id;
ALTER TABLE bench.outbox ALTER COLUMN id SET DEFAULT nextval('bench.outbox_id_seq');
"""


def pgbench_script(payload: str) -> str:
    literal = payload.replace("'", "''")
    return f"""\\set n random(1, 9000000000000000000)
BEGIN;
INSERT INTO bench.assessment_request (id, case_id, la_code, requester_type, received_on, \
decision_due_on, no_plan_notice_due_on, final_plan_due_on, repeat_within_six_months, status, \
created_at) VALUES (gen_random_uuid()::text, 'case-' || :n, '201', 'parent', current_date - 3, \
current_date + 39, current_date + 109, current_date + 137, false, 'awaiting_decision', now());
INSERT INTO bench.outbox (event_id, event_type, topic, key, payload, created_at) \
VALUES (gen_random_uuid()::text, 'send.assessment.request.received.v1', 'send.assessment', \
'case/' || :n, '{literal}', now());
END;
"""


async def sample_payload(dsn: str) -> str:
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute(PGBENCH_SETUP)
        payload = await conn.fetchval(
            "SELECT payload FROM assessment.outbox "
            "WHERE event_type = 'send.assessment.request.received.v1' ORDER BY id DESC LIMIT 1")
    finally:
        await conn.close()
    return payload or '{"data": {}}'


def pgbench_phase(database_url: str) -> dict[str, Any]:
    pgbench = shutil.which("pgbench")
    if pgbench is None:
        raise SystemExit("pgbench not found: apt-get install postgresql-client (or -contrib)")
    dsn = libpq_url(database_url)
    payload = asyncio.run(sample_payload(dsn))
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "state_and_outbox.sql"
        script.write_text(pgbench_script(payload), encoding="utf-8")
        cmd = [pgbench, "-n", "-c", str(PGBENCH_CLIENTS), "-j", "2", "-T", str(int(DURATION_S)),
               "-f", str(script), dsn]
        database_cpu_before = database_cpu_seconds()
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)  # noqa: S603
        database_cpu_s = database_cpu_seconds() - database_cpu_before
    if done.returncode != 0:
        raise RuntimeError(f"pgbench failed: {done.stderr}")
    tps = float(re.search(r"tps = ([\d.]+)", done.stdout).group(1))  # type: ignore[union-attr]
    transactions = re.search(r"number of transactions actually processed: (\d+)", done.stdout)
    lat = re.search(r"latency average = ([\d.]+) ms", done.stdout)
    return {"tps": tps, "database_cpu_ms_per_transaction": database_cpu_s * 1000 / max(
                int(transactions.group(1)) if transactions else 1, 1),
            "latency_avg_ms": float(lat.group(1)) if lat else None,
            "command": shell(cmd).replace(str(script), "state_and_outbox.sql"),
            "script": pgbench_script(f"<request.received payload, {len(payload)} bytes>"),
            "stdout": done.stdout}


def run() -> dict[str, Any]:
    with throwaway_database() as url:
        http = asyncio.run(http_phase(url))
        pg = pgbench_phase(url)
    ratio = http["rps"] / pg["tps"] if pg["tps"] else 0.0
    me = this_command(f"bench.{NAME}")
    figures = [
        figure("create-request throughput", http["rps"], "req/s", command=me),
        figure("create-request latency p50", http["p50_ms"], "ms", command=me),
        figure("create-request latency p99", http["p99_ms"], "ms", command=me),
        figure("service CPU per request", http["service_cpu_ms_per_request"], "ms",
               command=me),
        figure("database CPU per request", http["database_cpu_ms_per_request"], "ms",
               command=me),
        figure("HTTP floor: GET /healthz", http["floor"]["rps"], "req/s", command=me),
        figure("service CPU per /healthz", http["floor"]["service_cpu_ms_per_request"], "ms",
               command=me),
        figure("pgbench (state + outbox insert)", pg["tps"], "tps", command=pg["command"]),
        figure("database CPU per pgbench transaction", pg["database_cpu_ms_per_transaction"],
               "ms", command=pg["command"]),
        figure("HTTP / pgbench ratio", ratio, "", target=f">= {TARGET_RATIO}",
               ok=ratio >= TARGET_RATIO, command=me),
        figure("HTTP floor / pgbench ratio", http["floor"]["rps"] / pg["tps"] if pg["tps"]
               else 0.0, "", command=me),
    ]
    result = {"figures": figures, "http": http, "pgbench": pg, "ratio": ratio,
              "target_ratio": TARGET_RATIO, "fail_below": FAIL_RATIO,
              "ok": ratio >= TARGET_RATIO}
    return result


def main() -> None:
    result = run()
    path = write_result(NAME, result)
    print_figures(NAME, result["figures"])
    http = result["http"]
    print(f"  (HTTP: {http['created']} created of {http['requests']} in {http['elapsed_s']:.1f}s, "
          f"statuses {http['statuses']}, errors {http['errors']}; service: {http['command']})")
    print(f"  (load generator CPU per request {http['client_cpu_ms_per_request']:.2f} ms)")
    print(f"  (service used {http['service_cpu_share']:.0%} of a CPU while timed; "
          f"1-min load average {http['load_average_1m']:.1f} on {os.cpu_count()} CPUs)")
    print(f"  results: {path}")


if __name__ == "__main__":
    main()
