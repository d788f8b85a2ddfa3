"""Fixtures for the budgets service's tests: the budgets runtime alone, on real Postgres
(budgets' tables emptied per test) and on a SQLite file built by the migrations, with
assessment's events fed through its real consumer (inbox and all)."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import pytest

from budgets.bootstrap import spec
from common.clock import FixedClock
from common.db.migrations import upgrade
from common.settings import Settings
from tests.budgets.budgets_support import Budgets
from tests.harness import System, test_settings


@pytest.fixture(scope="session")
def budgets_sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("budgets-template")
    url = f"sqlite+aiosqlite:///{folder}/{{service}}.sqlite3"
    upgrade("budgets", spec().service_root, Settings(env="test", database_url=url))
    return folder / "budgets.sqlite3"


@pytest.fixture(params=["postgres", "sqlite"])
def budgets_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgres":
        return str(request.getfixturevalue("migrated_postgres"))
    shutil.copy(request.getfixturevalue("budgets_sqlite_template"), tmp_path / "budgets.sqlite3")
    return f"sqlite+aiosqlite:///{tmp_path}/{{service}}.sqlite3"


async def truncate_budgets(database_url: str) -> None:
    conn = await asyncpg.connect(database_url.replace("+asyncpg", ""))
    try:
        rows = await conn.fetch("SELECT tablename FROM pg_tables WHERE schemaname = "
                                "'budgets' AND tablename <> 'alembic_version'")
        names = ", ".join(f'"budgets"."{r["tablename"]}"' for r in rows)
        await conn.execute(f"TRUNCATE {names} RESTART IDENTITY")
    finally:
        await conn.close()


@pytest.fixture
async def bud(budgets_url: str, fixed_clock: FixedClock) -> AsyncIterator[Budgets]:
    """The budgets service alone, with the fixed clock (Monday 2 March 2026)."""
    if budgets_url.startswith("postgresql"):
        await truncate_budgets(budgets_url)
    system = await System(test_settings(budgets_url), fixed_clock,
                          services=("budgets",)).start()
    try:
        yield Budgets(system)
    finally:
        await system.stop()
