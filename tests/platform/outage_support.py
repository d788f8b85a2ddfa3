"""Cutting a test database off the way an outage does: its connections terminated and new
ones refused (`ALLOW_CONNECTIONS false`, which holds for superusers too — a `CONNECTION
LIMIT 0` does not), then let back in."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg

from common.testing.postgres import ADMIN_URL
from common.testing.row_locks import libpq_url


def database_name(database_url: str) -> str:
    return database_url.rsplit("/", 1)[1]


async def _admin(sql: str) -> int:
    """Run `sql` on the maintenance database (never the one being cut off)."""
    conn = await asyncpg.connect(ADMIN_URL)
    try:
        return int(await conn.fetchval(sql) or 0)
    finally:
        await conn.close()


async def terminate_connections(database_url: str) -> int:
    """Terminate every backend connected to the database; how many there were."""
    return await _admin(
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
        f"WHERE datname = '{database_name(database_url)}' AND pid <> pg_backend_pid()")


async def refuse_connections(database_url: str, refuse: bool) -> None:
    allow = "false" if refuse else "true"
    await _admin(f'ALTER DATABASE "{database_name(database_url)}" ALLOW_CONNECTIONS {allow}')


@asynccontextmanager
async def database_down(database_url: str) -> AsyncIterator[None]:
    """The database refuses connections and has none open, until the block ends."""
    await refuse_connections(database_url, True)
    try:
        await terminate_connections(database_url)
        yield
    finally:
        await refuse_connections(database_url, False)


async def reachable(database_url: str) -> bool:
    try:
        conn = await asyncpg.connect(libpq_url(database_url))
    except (OSError, asyncpg.PostgresError):
        return False
    await conn.close()
    return True
