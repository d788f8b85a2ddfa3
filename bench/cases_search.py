"""Finding a child: `GET /v1/cases` latency with 50,000 cases on Postgres (issue 14).

    uv run python -m bench.cases_search    # BENCH_SEARCH_CASES=50000 BENCH_SEARCH_REQUESTS=400

1. A throwaway database migrated with every service; COPY (asyncpg copy_records_to_table)
   BENCH_SEARCH_CASES cases into "assessment"."case" with the folded words of their names
   (domain.identifiers.name_tokens, as the service writes them) into case_name_token:
   about 90 % in LA 201, the rest in four other LAs; names drawn from 300 given and 2,000
   family names (some with accents, hyphens, apostrophes), dates of birth over 0-25 years,
   an NHS number (valid, unique) for seven in ten, a UPN for six in ten; 400 caseworkers in
   12 teams per LA. One request a case in a status of its lifecycle, and 5 deadlines a case
   (80 % open, due +/- one year). Then VACUUM (ANALYZE).
2. `sendsys serve assessment` (uvicorn, one process) as a child, env=test, sweep off.
3. From this process, one request at a time (latency, not throughput), BENCH_SEARCH_REQUESTS
   searches as an LA 201 caseworker after a warm-up: a fixed-seed mix of a name prefix
   (2-5 letters, typed with or without accents and capitals), two name words, a whole
   family name, a date of birth, an NHS number, a UPN, a caseworker's or a team's cases,
   a team and a name, a stage, an open deadline kind for a team, a caseworker's overdue
   cases, the whole LA; pages at offsets 0-500 (limit 50). Each response carries the page
   and the (capped) total.
p50/p95/p99 over all of them (target p95 < 50 ms, issue 14), and p95 per shape.
"""

from __future__ import annotations

import asyncio
import os
import random
import time
import unicodedata
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import asyncpg

from bench._common import (
    libpq_url,
    print_figures,
    this_command,
    throwaway_database,
    write_result,
)
from bench.work_tray import http_phase, kind_weights, latency_figures, print_shapes

NAME = "cases_search"
CASES = int(os.environ.get("BENCH_SEARCH_CASES", "50000"))
REQUESTS = int(os.environ.get("BENCH_SEARCH_REQUESTS", "400"))
DEADLINES_PER_CASE = 5
WARMUP = 40
LA = "201"
OTHER_LAS = ("202", "203", "886", "212")
CASEWORKERS_PER_LA = 400
TEAMS_PER_LA = 12
SEED = 20261203
VACUUM = os.environ.get("BENCH_SEARCH_VACUUM", "1") != "0"
SYLLABLES = ("ka", "lo", "mi", "na", "ra", "se", "ti", "vo", "ze", "bé", "ch", "do", "fa",
             "gu", "há", "jo", "ku", "le", "mó", "nu", "pa", "qi", "ro", "sú", "ta", "wi")
STATUSES = ("awaiting_decision", "assessing", "refused", "plan_drafted", "no_plan",
            "plan_issued")

CASE_COLUMNS = ("id", "la_code", "given_name", "family_name", "date_of_birth", "home_la_code",
                "caseworker_id", "team", "nhs_number", "upn", "needs_reconciliation",
                "version", "created_at", "updated_at")
TOKEN_COLUMNS = ("case_id", "token", "la_code")
REQUEST_COLUMNS = ("id", "case_id", "la_code", "requester_type", "received_on",
                   "decision_due_on", "no_plan_notice_due_on", "final_plan_due_on",
                   "repeat_within_six_months", "status", "created_at")
DEADLINE_COLUMNS = ("id", "la_code", "case_id", "kind", "ref_id", "due_on", "status",
                    "closed_on", "owner_team", "owner_caseworker_id", "next_stage",
                    "next_alert_on", "created_at")


def invented_names(rng: random.Random, count: int, parts: int) -> list[str]:
    names: set[str] = set()
    while len(names) < count:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, parts)))
        word = word.capitalize()
        roll = rng.random()
        if roll < 0.05:
            word = f"{word}-{''.join(rng.choice(SYLLABLES) for _ in range(2)).capitalize()}"
        elif roll < 0.08:
            word = f"O'{word}"
        names.add(word)
    return sorted(names)


def nhs_numbers(count: int) -> list[str]:
    """`count` distinct valid NHS numbers (modulus 11), in order from 400 000 000."""
    from assessment.domain.identifiers import is_valid_nhs_number

    found: list[str] = []
    base = 400_000_000
    while len(found) < count:
        for digit in range(10):
            candidate = f"{base}{digit}"
            if is_valid_nhs_number(candidate):
                found.append(candidate)
                break
        base += 1
    return found


def upn_for(n: int, la: str) -> str:
    from assessment.domain.identifiers import upn_check_letter

    body = f"{la}{n:09d}"
    return upn_check_letter(body) + body


def build_rows(today: date) -> dict[str, list[tuple[Any, ...]]]:
    from assessment.domain.identifiers import name_tokens

    rng = random.Random(SEED)
    now = datetime.now(UTC)
    given, family = invented_names(rng, 300, 3), invented_names(rng, 2000, 4)
    numbers = iter(nhs_numbers(CASES))
    kinds, weights = kind_weights()
    rows: dict[str, list[tuple[Any, ...]]] = {"case": [], "case_name_token": [],
                                              "assessment_request": [], "deadline": []}
    for n in range(CASES):
        la = LA if rng.random() < 0.9 else rng.choice(OTHER_LAS)
        cw = rng.randrange(CASEWORKERS_PER_LA)
        case_id, first, last = str(uuid.uuid4()), rng.choice(given), rng.choice(family)
        team, caseworker = f"team-{cw % TEAMS_PER_LA}", f"cw-{cw}"
        nhs = next(numbers) if rng.random() < 0.7 else None
        upn = upn_for(n, la) if rng.random() < 0.6 else None
        born = today - timedelta(days=rng.randrange(0, 25 * 365))
        rows["case"].append((case_id, la, first, last, born, la, caseworker, team, nhs, upn,
                             False, 1, now, now))
        rows["case_name_token"] += [(case_id, t, la) for t in name_tokens(first, last)]
        received = today - timedelta(days=rng.randrange(0, 400))
        rows["assessment_request"].append((
            str(uuid.uuid4()), case_id, la, "parent", received, received + timedelta(weeks=6),
            received + timedelta(weeks=16), received + timedelta(weeks=20), False,
            rng.choice(STATUSES), now))
        for kind in rng.choices(kinds, weights, k=DEADLINES_PER_CASE):
            deadline_id, due_on = str(uuid.uuid4()), today + timedelta(days=rng.randrange(-365,
                                                                                          366))
            is_open = rng.random() < 0.8
            rows["deadline"].append((deadline_id, la, case_id, kind, deadline_id, due_on,
                                     "open" if is_open else "closed",
                                     None if is_open else due_on, team, caseworker, 0,
                                     due_on - timedelta(days=14) if is_open else None, now))
    return rows


COLUMNS = {"case": CASE_COLUMNS, "case_name_token": TOKEN_COLUMNS,
           "assessment_request": REQUEST_COLUMNS, "deadline": DEADLINE_COLUMNS}


async def load(dsn: str, rows: dict[str, list[tuple[Any, ...]]]) -> float:
    started = time.perf_counter()
    conn = await asyncpg.connect(dsn)
    try:
        for table, records in rows.items():
            await conn.copy_records_to_table(table, schema_name="assessment", records=records,
                                             columns=COLUMNS[table])
        verb = "VACUUM (ANALYZE)" if VACUUM else "ANALYZE"
        for table in rows:
            await conn.execute(f'{verb} "assessment"."{table}"')
    finally:
        await conn.close()
    return time.perf_counter() - started


def typed(rng: random.Random, word: str) -> str:
    """A word as a caseworker might type it: some without accents, some in capitals."""
    if rng.random() < 0.5:
        word = "".join(c for c in unicodedata.normalize("NFKD", word)
                       if not unicodedata.combining(c))
    return word.upper() if rng.random() < 0.2 else word.lower()


def query_mix(count: int, la_cases: list[tuple[Any, ...]]) -> list[tuple[str, dict[str, Any]]]:
    """(shape, query parameters) for `count` searches, fixed seed, from LA 201's cases."""
    rng = random.Random(SEED + 1)
    kinds, weights = kind_weights()
    shapes = ("name_prefix", "two_words", "family_name", "date_of_birth", "nhs_number", "upn",
              "caseworker", "team", "team+name", "stage", "team+open_deadline_kind",
              "caseworker+overdue", "la")
    with_nhs = [c for c in la_cases if c[8]]
    with_upn = [c for c in la_cases if c[9]]
    mix = []
    for _ in range(count):
        shape = rng.choice(shapes)
        case = rng.choice(la_cases)
        params: dict[str, Any] = {"limit": 50}
        if shape == "name_prefix":
            params["name"] = typed(rng, case[3].split("-")[0].replace("O'", ""))[
                :rng.randint(2, 5)]
        elif shape == "two_words":
            params["name"] = f"{typed(rng, case[2])[:3]} {typed(rng, case[3])[:4]}"
        elif shape == "family_name":
            params["name"] = typed(rng, case[3])
        elif shape == "date_of_birth":
            params["date_of_birth"] = case[4].isoformat()
        elif shape == "nhs_number":
            params["nhs_number"] = rng.choice(with_nhs)[8]
        elif shape == "upn":
            params["upn"] = rng.choice(with_upn)[9]
        elif shape == "caseworker":
            params["caseworker_id"] = case[6]
        elif shape == "team":
            params["team"] = case[7]
        elif shape == "team+name":
            params |= {"team": case[7], "name": typed(rng, case[3])[:3]}
        elif shape == "stage":
            params["stage"] = rng.choice(STATUSES[:5])
        elif shape == "team+open_deadline_kind":
            params |= {"team": case[7], "open_deadline_kind": rng.choices(kinds, weights)[0]}
        elif shape == "caseworker+overdue":
            params |= {"caseworker_id": case[6], "overdue": "true"}
        if shape in ("la", "stage", "team", "name_prefix"):
            params["offset"] = rng.choice((0, 0, 0, 50, 100, 500))
        mix.append((shape, params))
    return mix


def run() -> dict[str, Any]:
    started = time.perf_counter()
    rows = build_rows(date.today())
    built_s = time.perf_counter() - started
    la_cases = [c for c in rows["case"] if c[1] == LA]
    with throwaway_database() as url:
        load_s = asyncio.run(load(libpq_url(url), rows))
        del rows
        http = asyncio.run(http_phase(url, name=NAME, path="/v1/cases",
                                      warmup=query_mix(WARMUP, la_cases)[::-1],
                                      mix=query_mix(REQUESTS, la_cases)))
    me = this_command(f"bench.{NAME}")
    figures = latency_figures("case search", http, me)
    return {"figures": figures, "cases": CASES, "cases_la_201": len(la_cases),
            "build_rows_s": built_s, "copy_s": load_s, "vacuumed": VACUUM, "http": http,
            "load_average": os.getloadavg(),
            "ok": all(f["ok"] for f in figures if f["ok"] is not None)}


def main() -> None:
    result = run()
    path = write_result(NAME, result)
    print_figures(NAME, result["figures"])
    http = result["http"]
    print(f"  ({result['cases']:,} cases, {result['cases_la_201']:,} in LA {LA}; rows built in "
          f"{result['build_rows_s']:.1f}s, COPY + ANALYZE {result['copy_s']:.1f}s; "
          f"{http['ok']}/{http['requests']} requests 200, one at a time; max "
          f"{http['max_ms']:.1f} ms; load average {result['load_average'][0]:.2f}; "
          f"service: {http['command']})")
    print_shapes(http)
    print(f"  results: {path}")


if __name__ == "__main__":
    main()
