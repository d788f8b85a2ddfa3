"""Fixtures' workings shared by the feedback, policy and page tests: the localoffer service
alone on real Postgres (its schema emptied per test) or on a SQLite file built once by the
migrations and copied per test."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg

from common.clock import FixedClock
from common.db.migrations import upgrade
from common.settings import Settings
from localoffer.bootstrap import spec
from tests.harness import System, test_settings


def build_sqlite_template(folder: Path) -> Path:
    url = f"sqlite+aiosqlite:///{folder}/{{service}}.sqlite3"
    upgrade("localoffer", spec().service_root, Settings(env="test", database_url=url))
    return folder / "localoffer.sqlite3"


def sqlite_copy(template: Path, folder: Path) -> str:
    shutil.copy(template, folder / "localoffer.sqlite3")
    return f"sqlite+aiosqlite:///{folder}/{{service}}.sqlite3"


async def empty_localoffer(database_url: str) -> None:
    conn = await asyncpg.connect(database_url.replace("+asyncpg", ""))
    try:
        rows = await conn.fetch("SELECT tablename FROM pg_tables WHERE schemaname = "
                                "'localoffer' AND tablename <> 'alembic_version'")
        names = ", ".join(f'"localoffer"."{r["tablename"]}"' for r in rows)
        await conn.execute(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
    finally:
        await conn.close()


@asynccontextmanager
async def localoffer_alone(database_url: str, clock: FixedClock) -> AsyncIterator[System]:
    if database_url.startswith("postgresql"):
        await empty_localoffer(database_url)
    system = await System(test_settings(database_url), clock,
                          services=("localoffer",)).start()
    try:
        yield system
    finally:
        await system.stop()
