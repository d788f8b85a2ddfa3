"""Proving that reads take no row lock (a GET must never wait for, or hold up, a writer).

Two independent checks:

- `recorded_statements(engine)` records every statement the engine sends, through the
  statement seam; `assert_no_row_locks(log)` fails naming any `FOR UPDATE`, `FOR NO KEY
  UPDATE`, `FOR SHARE`, `FOR KEY SHARE`, `LOCK TABLE` or advisory lock among them.
- `while_row_held(...)` holds a row `FOR UPDATE` on another connection while a request
  runs, and fails as soon as any backend of the database waits on a lock (the request
  wanted the row) — without a timer.

`assert_get_takes_no_row_lock(client, engine, path, ...)` does the first for one GET.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Awaitable, Iterator, Mapping
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

import asyncpg
import httpx
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

Answer = TypeVar("Answer")

LOCKING = re.compile(
    r"\bFOR\s+(?:NO\s+KEY\s+UPDATE|UPDATE|KEY\s+SHARE|SHARE)\b|\bLOCK\s+TABLE\b"
    r"|\bpg_(?:try_)?advisory", re.IGNORECASE)


@dataclass
class StatementLog:
    statements: list[str] = field(default_factory=list)

    def locking(self) -> list[str]:
        return [s for s in self.statements if LOCKING.search(s)]


@contextmanager
def recorded_statements(engine: AsyncEngine) -> Iterator[StatementLog]:
    """Every statement `engine` sends while the block runs."""
    log = StatementLog()

    def record(conn: Any, cursor: Any, statement: str, params: Any, context: Any,
               executemany: bool) -> None:
        log.statements.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        yield log
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record)


def assert_no_row_locks(log: StatementLog) -> None:
    locking = log.locking()
    assert not locking, "a read took a lock:\n" + "\n".join(locking)


async def assert_get_takes_no_row_lock(client: httpx.AsyncClient, engine: AsyncEngine,
                                       path: str, *, headers: Mapping[str, str] | None = None,
                                       expect_status: int = 200) -> httpx.Response:
    """GET `path`, check its status, and that none of its statements locks anything."""
    with recorded_statements(engine) as log:
        answer = await client.get(path, headers=headers)
    assert answer.status_code == expect_status, answer.text
    assert log.statements, f"GET {path} sent no statement: the recorder saw nothing"
    assert_no_row_locks(log)
    return answer


def libpq_url(database_url: str) -> str:
    return database_url.replace("+asyncpg", "", 1)


@asynccontextmanager
async def every_row_held(database_url: str, schema: str) -> AsyncIterator[None]:
    """On Postgres, another connection locks every row of the schema's tables (NOWAIT: it
    fails at once if anything else holds one) until the block ends; on SQLite, nothing."""
    if not database_url.startswith("postgresql"):
        yield
        return
    conn = await asyncpg.connect(libpq_url(database_url))
    try:
        async with conn.transaction():
            tables = [r["tablename"] for r in await conn.fetch(
                "SELECT tablename FROM pg_tables WHERE schemaname = $1 "
                "AND tablename <> 'alembic_version'", schema)]
            for table in tables:
                await conn.fetch(f'SELECT * FROM "{schema}"."{table}" FOR UPDATE NOWAIT')
            yield
    finally:
        await conn.close()


async def while_row_held(database_url: str, qualified_table: str, where: str,
                         action: Awaitable[Answer], *, poll_s: float = 0.02) -> Answer:
    """Run `action` while another connection holds the rows of `qualified_table` matching
    `where` (SQL, e.g. "id = 'c-1'") with `FOR UPDATE NOWAIT`; fail at once if any backend
    starts waiting on a lock, i.e. `action` wanted a held row."""
    holder = await asyncpg.connect(libpq_url(database_url))
    try:
        async with holder.transaction():
            held = await holder.fetch(
                f"SELECT 1 FROM {qualified_table} WHERE {where} FOR UPDATE NOWAIT")
            assert held, f"no row of {qualified_table} matches {where}"
            task = asyncio.ensure_future(action)
            while not task.done():
                if await _someone_waits_on_a_lock(holder):
                    task.cancel()
                    raise AssertionError(f"the request waited for a lock on {qualified_table}")
                await asyncio.sleep(poll_s)
            return task.result()
    finally:
        await holder.close()


async def _someone_waits_on_a_lock(conn: asyncpg.Connection) -> bool:
    return bool(await conn.fetchval(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
        "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"))
