"""What one statement costs the service's process, by the way it is sent: the write path's
case lookup through SQLAlchemy Core on the service's engine (as every repository sends it),
the same through `exec_driver_sql`, and through asyncpg alone (a prepared statement on the
same connection). CPU time of this process only (the database's is not counted), one
statement after another on one connection, after a warm-up.

    uv run python -m bench.statement_cost          # BENCH_STATEMENTS=3000

It is the measure behind the write path's per-request CPU (bench/write_path.py): a
create-request sends three statements and a commit, so the engine's share of it shows here.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Awaitable, Callable
from typing import Any

from bench._common import figure, print_figures, this_command, throwaway_database, write_result

NAME = "statement_cost"
STATEMENTS = int(os.environ.get("BENCH_STATEMENTS", "3000"))
WARMUP = 200


async def cpu_per_call(call: Callable[[], Awaitable[Any]]) -> float:
    """Microseconds of this process's CPU per call."""
    for _ in range(WARMUP):
        await call()
    started = time.process_time()
    for _ in range(STATEMENTS):
        await call()
    return (time.process_time() - started) / STATEMENTS * 1e6


async def measure(database_url: str) -> dict[str, float]:
    from sqlalchemy import bindparam, select

    from assessment.cases.tables import case
    from common.db.engine import create_engine_for
    from common.settings import Settings

    engine = create_engine_for(Settings(env="test", database_url=database_url), "assessment")
    lookup = select(case).where(case.c.id == bindparam("case_id"),
                                case.c.la_code == bindparam("la_code"))
    params = {"case_id": "no-such-case", "la_code": "201"}
    sql = 'SELECT * FROM "case" WHERE id = $1 AND la_code = $2'
    try:
        async with engine.connect() as conn:
            async def core() -> Any:
                return (await conn.execute(lookup, params)).mappings().one_or_none()

            async def driver_sql() -> Any:
                return (await conn.exec_driver_sql(sql, ("no-such-case", "201"))).first()

            raw = await conn.get_raw_connection()
            prepared = await raw.driver_connection.prepare(sql)

            async def asyncpg_alone() -> Any:
                return await prepared.fetchrow("no-such-case", "201")

            return {"core_us": await cpu_per_call(core),
                    "driver_sql_us": await cpu_per_call(driver_sql),
                    "asyncpg_us": await cpu_per_call(asyncpg_alone)}
    finally:
        await engine.dispose()


def main() -> None:
    with throwaway_database() as url:
        measured = asyncio.run(measure(url))
    me = this_command(f"bench.{NAME}")
    figures = [
        figure("case lookup via SQLAlchemy Core", measured["core_us"], "us", command=me),
        figure("the same via exec_driver_sql", measured["driver_sql_us"], "us", command=me),
        figure("the same via asyncpg alone", measured["asyncpg_us"], "us", command=me),
    ]
    path = write_result(NAME, {"figures": figures, "statements": STATEMENTS, **measured})
    print_figures(NAME, figures)
    print(f"  results: {path}")


if __name__ == "__main__":
    main()
