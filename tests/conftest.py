"""Fixtures shared by the whole suite: a migrated Postgres database, migrated SQLite files,
and the `System` harness over either bus."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from common.clock import FixedClock
from common.db.migrations import upgrade
from common.settings import Settings
from sendsys.services import SPECS
from tests.harness import System, notifications_test_settings, test_settings, truncate_all

TESTS = Path(__file__).resolve().parent

# A connect to Postgres may take seconds on a loaded 2-core machine (the fault suite runs
# services under kill -9 beside the other worker): every Settings built in the tests, and
# every service they start as a child, allows 10 s instead of the production 2 s.
os.environ.setdefault("SENDSYS_DATABASE_CONNECT_TIMEOUT_S", "10")

# Property tests check rules, never speed (that is bench/'s job): no per-example deadline,
# which a loaded 2-core machine would otherwise trip at random.
hypothesis_settings.register_profile("sendsys", deadline=None)
hypothesis_settings.load_profile("sendsys")


def migrate_all(database_url: str) -> None:
    settings = Settings(env="test", database_url=database_url)
    for name, make_spec in SPECS.items():
        upgrade(name, make_spec().service_root, settings)


@pytest.fixture(scope="session")
def migrated_postgres(postgres_database: str) -> str:
    """The session's Postgres database with every service's migrations applied."""
    migrate_all(postgres_database)
    return postgres_database


@pytest.fixture
async def pg_url(migrated_postgres: str) -> str:
    """The migrated database, emptied before the test."""
    await truncate_all(migrated_postgres)
    return migrated_postgres


@pytest.fixture
def sqlite_url(tmp_path: Path) -> Iterator[str]:
    url = f"sqlite+aiosqlite:///{tmp_path}/{{service}}.sqlite3"
    migrate_all(url)
    yield url


@pytest.fixture
async def pg_system(pg_url: str, fixed_clock: FixedClock, smtp_server) -> AsyncIterator[System]:
    system = await System(test_settings(pg_url), fixed_clock,
                          notifications=notifications_test_settings(smtp_server.port)).start()
    try:
        yield system
    finally:
        await system.stop()


@pytest.fixture
async def sqlite_system(sqlite_url: str, fixed_clock: FixedClock,
                        smtp_server) -> AsyncIterator[System]:
    system = await System(test_settings(sqlite_url), fixed_clock,
                          notifications=notifications_test_settings(smtp_server.port)).start()
    try:
        yield system
    finally:
        await system.stop()


@pytest.fixture
async def kafka_system(pg_url: str, fixed_clock: FixedClock, smtp_server,
                       kafka_bootstrap: str) -> AsyncIterator[System]:
    system = await System(test_settings(pg_url, bus="kafka", kafka=kafka_bootstrap),
                          fixed_clock,
                          notifications=notifications_test_settings(smtp_server.port)).start()
    try:
        yield system
    finally:
        await system.stop()


# The fast lane (`make test-fast`, i.e. pytest -m "not db"): pure rules and use cases, run
# with no database. A test belongs to it when it lives in a pure place — a `unit` directory
# (tests/<svc>/unit/, tests/<svc>/<feature>/unit/), a `test_rules*.py` or `test_domain*.py`
# file, tests/architecture, tests/contracts or tests/common — and uses none of the fixtures
# below (directly or through another fixture). Every other test is marked `db`.
NEEDS_SERVICES = frozenset({
    "postgres_database", "migrated_postgres", "pg_url", "sqlite_url", "database_url",
    "pg_system", "sqlite_system", "kafka_system", "kafka_bootstrap", "smtp_server",
})
PURE_DIRECTORIES = frozenset({"unit", "architecture", "contracts", "common"})


def _in_pure_place(item: pytest.Item) -> bool:
    path = Path(str(item.path))
    return path.name.startswith(("test_rules", "test_domain")) or \
        not PURE_DIRECTORIES.isdisjoint(path.relative_to(TESTS).parts[:-1])


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        uses_services = NEEDS_SERVICES.intersection(getattr(item, "fixturenames", ()))
        if uses_services or not _in_pure_place(item):
            item.add_marker(pytest.mark.db)
