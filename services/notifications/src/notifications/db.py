"""The service's metadata (every feature's tables register on it) and the one upsert
helper. No schema names: the engine maps them at runtime."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncConnection

from common.db.base import add_platform_tables, make_metadata
from common.db.engine import dialect_name

metadata = make_metadata()
platform = add_platform_tables(metadata)


def insert_for(connection: AsyncConnection) -> Any:
    """The dialect's INSERT (both have ON CONFLICT)."""
    return pg_insert if dialect_name(connection) == "postgresql" else sqlite_insert


async def upsert(connection: AsyncConnection, table: Table, values: dict[str, Any]) -> None:
    keys = [c.name for c in table.primary_key.columns]
    statement = insert_for(connection)(table).values(**values)
    changes = {k: v for k, v in values.items() if k not in keys}
    if changes:
        await connection.execute(statement.on_conflict_do_update(index_elements=keys, set_=changes))
    else:
        await connection.execute(statement.on_conflict_do_nothing(index_elements=keys))
