"""Local offer search: the public search and the ORUK `/services` page with 10,000 entries
on Postgres (issue 13: p95 < 50 ms each).

    uv run python -m bench.localoffer_search    # BENCH_LO_ENTRIES=10000 BENCH_LO_REQUESTS=400

1. A throwaway database migrated with every service; `sendsys serve localoffer` (uvicorn,
   one process) as a child, env=test, sweep off.
2. Through the API as LA 201 staff: the postcode directory (an ONSPD-layout file made by
   the tests' generator) and BENCH_LO_ENTRIES services as ORUK ndjson (the tests' feed
   factory: 50 organisations, 1-2 places each around Leeds, weekly opening, ages, charges,
   a category and two needs each) through `POST /v1/local-offer/imports`, 2,000 a request.
   Then VACUUM (ANALYZE), the state autovacuum leaves tables of that size in.
3. One request at a time (latency, not throughput), after a warm-up, a fixed-seed mix:
   - public search `GET /v1/local-offers/201/search`: words, category, need, age, free,
     open on a day at a time, distance from a postcode (5-25 km), and combinations;
   - ORUK `GET /v1/local-offers/201/oruk/services`: pages 1-20 of 50, search, taxonomy term
     or taxonomy, age bounds, day with start/end time, and combinations.
p50/p95/p99 of each (target p95 < 50 ms), and the share of requests answered 200.
"""

from __future__ import annotations

import asyncio
import os
import random
import tempfile
import time
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

NAME = "localoffer_search"
ENTRIES = int(os.environ.get("BENCH_LO_ENTRIES", "10000"))
REQUESTS = int(os.environ.get("BENCH_LO_REQUESTS", "400"))
WARMUP = 40
CHUNK = 2000
TARGET_P95_MS = 50.0
LA = "201"
WORDS = ["autism", "speech", "swimming", "transport", "college", "respite", "music",
         "therapy", "advice", "club", "hearing", "housing"]
DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


async def load_directory(client: httpx.AsyncClient, headers: dict[str, str]) -> float:
    from tests.localoffer.entries.directory_support import onspd_csv
    from tests.localoffer.oruk.feed_factory import ndjson_feed

    started = time.perf_counter()
    r = await client.post("/v1/local-offer/postcodes", content=onspd_csv().encode(),
                          headers={**headers, "content-type": "text/csv"})
    r.raise_for_status()
    lines = ndjson_feed(ENTRIES).splitlines(keepends=True)
    for start in range(0, len(lines), CHUNK):
        r = await client.post("/v1/local-offer/imports", params={"format": "ndjson"},
                              content=b"".join(lines[start:start + CHUNK]), headers=headers,
                              timeout=900)
        r.raise_for_status()
        assert r.json()["created"] == len(lines[start:start + CHUNK]), r.text[:300]
    return time.perf_counter() - started


def search_mix(count: int, rng: random.Random) -> list[tuple[str, dict[str, Any]]]:
    from tests.localoffer.entries.directory_support import POSTCODES

    live = [p for p, *_, terminated in POSTCODES if not terminated]
    shapes = [
        lambda: {"q": rng.choice(WORDS)},
        lambda: {"q": f"{rng.choice(WORDS)} {rng.choice(WORDS)}"},
        lambda: {"category": rng.choice(["health", "leisure", "travel", "short-breaks"])},
        lambda: {"need": rng.choice(["ASD", "SLCN", "SEMH", "PD", "HI"])},
        lambda: {"age": rng.randint(0, 25), "free": "true"},
        lambda: {"day": rng.choice(DAYS), "time": f"{rng.randint(8, 17):02d}:30"},
        lambda: {"postcode": rng.choice(live), "radius_km": rng.choice([5, 10, 25])},
        lambda: {"q": rng.choice(WORDS), "postcode": rng.choice(live), "radius_km": 25,
                 "age": rng.randint(0, 25)},
        lambda: {"need": "ASD", "age": rng.randint(5, 15), "day": rng.choice(DAYS),
                 "time": "10:00", "postcode": rng.choice(live), "radius_km": 10},
        lambda: {"page": rng.randint(1, 20)},
    ]
    return [("search", rng.choice(shapes)()) for _ in range(count)]


def oruk_mix(count: int, rng: random.Random) -> list[tuple[str, dict[str, Any]]]:
    from localoffer.taxonomy import seed

    terms = [t.id for t in seed.TERMS]
    shapes = [
        lambda: {"page": rng.randint(1, 20), "per_page": 50},
        lambda: {"search": rng.choice(WORDS)},
        lambda: {"taxonomy_term_id": rng.choice(terms)},
        lambda: {"taxonomy_id": seed.AREAS_OF_NEED.id, "page": rng.randint(1, 5)},
        lambda: {"minimum_age": rng.randint(0, 10), "maximum_age": rng.randint(15, 25)},
        lambda: {"day": rng.choice(DAYS), "start_time": "09:00", "end_time": "17:00"},
        lambda: {"search": rng.choice(WORDS), "taxonomy_term_id": rng.choice(terms),
                 "day": rng.choice(DAYS)},
        lambda: {"modified_after": "2020-01-01T00:00:00Z", "page": rng.randint(1, 20)},
    ]
    return [("oruk", rng.choice(shapes)()) for _ in range(count)]


PATHS = {"search": f"/v1/local-offers/{LA}/search", "oruk": f"/v1/local-offers/{LA}/oruk/services"}


async def drive(client: httpx.AsyncClient, mix: list[tuple[str, dict[str, Any]]]
                ) -> dict[str, Any]:
    latencies: dict[str, list[float]] = {"search": [], "oruk": []}
    ok = {"search": 0, "oruk": 0}
    for kind, params in mix:
        started = time.perf_counter()
        r = await client.get(PATHS[kind], params=params)
        latencies[kind].append(time.perf_counter() - started)
        ok[kind] += r.status_code == 200
    return {kind: {"requests": len(values), "ok": ok[kind],
                   "p50_ms": percentile(values, 50) * 1000,
                   "p95_ms": percentile(values, 95) * 1000,
                   "p99_ms": percentile(values, 99) * 1000,
                   "max_ms": max(values) * 1000 if values else 0.0}
            for kind, values in latencies.items()}


async def http_phase(database_url: str) -> dict[str, Any]:
    # one client sends every request: lift the ORUK per-address allowance (this measures
    # latency, not the limiter)
    os.environ["LOCALOFFER_ORUK_RATE"] = "1000000/1000000"
    port = free_port()
    cmd = [sendsys_bin(), "serve", "localoffer", "--host", LOCALHOST, "--port", str(port)]
    log_path = Path(tempfile.gettempdir()) / f"sendsys-bench-{NAME}.service.log"
    proc = start_service(cmd, database_url, log_path)
    try:
        base_url = f"http://{LOCALHOST}:{port}"
        await wait_healthy(base_url, proc)
        headers = {"Authorization": f"Bearer {token()}"}
        async with httpx.AsyncClient(base_url=base_url, timeout=30) as client:
            load_s = await load_directory(client, headers)
            conn = await asyncpg.connect(libpq_url(database_url))
            try:
                await conn.execute("VACUUM (ANALYZE)")
            finally:
                await conn.close()
            rng = random.Random(13)
            warm = search_mix(WARMUP, rng) + oruk_mix(WARMUP, rng)
            await drive(client, warm)
            mix = search_mix(REQUESTS, rng) + oruk_mix(REQUESTS, rng)
            rng.shuffle(mix)
            measured = await drive(client, mix)
    finally:
        stop_child(proc)
    return {"load_s": load_s, "command": shell(cmd), "service_log": str(log_path),
            **measured}


def run() -> dict[str, Any]:
    with throwaway_database() as url:
        http = asyncio.run(http_phase(url))
    me = this_command(f"bench.{NAME}")
    figures = []
    for kind, label in (("search", "public search"), ("oruk", "ORUK /services page")):
        s = http[kind]
        complete = s["ok"] == s["requests"]
        figures += [
            figure(f"{label} p50", s["p50_ms"], "ms", command=me),
            figure(f"{label} p95", s["p95_ms"], "ms", target=f"< {TARGET_P95_MS:.0f} ms",
                   ok=complete and s["p95_ms"] < TARGET_P95_MS, command=me),
            figure(f"{label} p99", s["p99_ms"], "ms", command=me),
        ]
    return {"figures": figures, "entries": ENTRIES, "http": http,
            "ok": all(f["ok"] for f in figures if f["ok"] is not None)}


def main() -> None:
    result = run()
    path = write_result(NAME, result)
    print_figures(NAME, result["figures"])
    http = result["http"]
    print(f"  ({result['entries']:,} entries imported through the API in "
          f"{http['load_s']:.0f}s; search {http['search']['ok']}/{http['search']['requests']}"
          f" and ORUK {http['oruk']['ok']}/{http['oruk']['requests']} requests 200, one at a "
          f"time; service: {http['command']})")
    print(f"  results: {path}")


if __name__ == "__main__":
    main()
