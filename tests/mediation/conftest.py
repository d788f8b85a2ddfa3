"""Fixtures for the mediation service's API tests: only the mediation runtime, on real
Postgres (the session database, mediation's tables emptied per test) and on a SQLite file
built once by the migrations and copied per test."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import pytest

from common.clock import FixedClock
from common.db.migrations import upgrade
from common.settings import Settings
from mediation.bootstrap import spec
from tests.harness import System, test_settings


@pytest.fixture(scope="session")
def mediation_sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("mediation-template")
    url = f"sqlite+aiosqlite:///{folder}/{{service}}.sqlite3"
    upgrade("mediation", spec().service_root, Settings(env="test", database_url=url))
    return folder / "mediation.sqlite3"


@pytest.fixture(params=["postgres", "sqlite"])
def mediation_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgres":
        return str(request.getfixturevalue("migrated_postgres"))
    shutil.copy(request.getfixturevalue("mediation_sqlite_template"),
                tmp_path / "mediation.sqlite3")
    return f"sqlite+aiosqlite:///{tmp_path}/{{service}}.sqlite3"


async def truncate_mediation(database_url: str) -> None:
    conn = await asyncpg.connect(database_url.replace("+asyncpg", ""))
    try:
        rows = await conn.fetch("SELECT tablename FROM pg_tables WHERE schemaname = "
                                "'mediation' AND tablename <> 'alembic_version'")
        names = ", ".join(f'"mediation"."{r["tablename"]}"' for r in rows)
        await conn.execute(f"TRUNCATE {names} RESTART IDENTITY")
    finally:
        await conn.close()


@pytest.fixture
async def med(mediation_url: str, fixed_clock: FixedClock) -> AsyncIterator[System]:
    """The mediation service alone (no consumer pump), with the fixed clock."""
    if mediation_url.startswith("postgresql"):
        await truncate_mediation(mediation_url)
    system = await System(test_settings(mediation_url), fixed_clock,
                          services=("mediation",)).start()
    try:
        yield system
    finally:
        await system.stop()
