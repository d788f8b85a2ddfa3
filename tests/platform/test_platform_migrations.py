"""Every service's Alembic environment: `alembic check` passes on Postgres and SQLite, the
version table lives in the service's schema, and each service's tables only in its own."""

from __future__ import annotations

import asyncio

import asyncpg
from sqlalchemy import create_engine, inspect

from common.db.migrations import check
from common.settings import Settings
from sendsys.services import SPECS


def test_alembic_check_passes_on_postgres(migrated_postgres: str) -> None:
    for service, make_spec in SPECS.items():
        check(service, make_spec().service_root,
              Settings(env="test", database_url=migrated_postgres))


async def _tables_by_schema(url: str) -> dict[str, set[str]]:
    conn = await asyncpg.connect(url.replace("+asyncpg", ""))
    try:
        rows = await conn.fetch("SELECT table_schema, table_name FROM information_schema.tables "
                                "WHERE table_schema NOT IN ('pg_catalog', 'information_schema')")
    finally:
        await conn.close()
    found: dict[str, set[str]] = {}
    for row in rows:
        found.setdefault(row["table_schema"], set()).add(row["table_name"])
    return found


def test_each_service_owns_its_schema_with_its_version_table(migrated_postgres: str) -> None:
    found = asyncio.run(_tables_by_schema(migrated_postgres))
    assert set(found) == set(SPECS), "no tables in public or any other schema"
    for name, make_spec in SPECS.items():
        expected = set(make_spec().metadata.tables)
        assert found[name] == expected | {"alembic_version"}, name
    version_schemas = {s for s, tables in found.items() if "alembic_version" in tables}
    assert version_schemas == set(SPECS)


def test_alembic_check_passes_on_sqlite_with_one_service_per_file(sqlite_url: str) -> None:
    for name, make_spec in SPECS.items():
        check(name, make_spec().service_root, Settings(env="test", database_url=sqlite_url))
        path = sqlite_url.replace("sqlite+aiosqlite:///", "").replace("{service}", name)
        engine = create_engine(f"sqlite:///{path}")
        try:
            tables = set(inspect(engine).get_table_names())
            with engine.connect() as conn:  # full-text (FTS5) tables and their shadows
                virtual = [r[0] for r in conn.exec_driver_sql(
                    "SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'")]
        finally:
            engine.dispose()
        tables = {t for t in tables if not any(t == v or t.startswith(f"{v}_")
                                               for v in virtual)}
        assert tables == set(make_spec().metadata.tables) | {"alembic_version"}, name
