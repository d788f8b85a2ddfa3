"""Statements made once and run many times on the hot path, on the unit of work's
connection like any other statement: SQLAlchemy caches their compiled form (per dialect
and schema), and the engine's statement seam and event listeners see every run.

`DirectStatement` and `insert_into` keep the names services import; an insert built from
the table alone (`insert(table)`) takes its columns from the parameters given."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from sqlalchemy import Table, insert
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql.base import Executable


class HasConnection(Protocol):
    connection: AsyncConnection


Executor = AsyncConnection | HasConnection


def connection_of(executor: Executor) -> AsyncConnection:
    """The connection of a unit of work's `session` alias, or the connection itself."""
    return executor if isinstance(executor, AsyncConnection) else executor.connection


class DirectStatement:
    """A Core statement (insert, select, update) that the hot path runs again and again."""

    def __init__(self, statement: Executable) -> None:
        self.statement = statement

    async def execute(self, executor: Executor, params: Mapping[str, Any]) -> None:
        await connection_of(executor).execute(self.statement, dict(params))

    async def execute_many(self, executor: Executor,
                           rows: Sequence[Mapping[str, Any]]) -> None:
        if rows:
            await connection_of(executor).execute(self.statement, [dict(r) for r in rows])

    async def fetch_one(self, executor: Executor,
                        params: Mapping[str, Any]) -> dict[str, Any] | None:
        result = await connection_of(executor).execute(self.statement, dict(params))
        row = result.mappings().one_or_none()
        return None if row is None else dict(row)

    async def fetch_all(self, executor: Executor,
                        params: Mapping[str, Any]) -> list[dict[str, Any]]:
        result = await connection_of(executor).execute(self.statement, dict(params))
        return [dict(r) for r in result.mappings().all()]


@functools.cache
def insert_into(table: Table) -> DirectStatement:
    """The one `INSERT INTO table` statement of a table."""
    return DirectStatement(insert(table))
