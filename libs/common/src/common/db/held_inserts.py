"""Rows a use case only appends and does not read back at once (a deadline it opens, a
timeline entry, the outbox rows of its events) are held on the connection and sent
together: on Postgres in one statement (each row but the last a data-modifying CTE of
it) when they are few, as on the write path; otherwise, and on SQLite, table by table.

They are sent before the next statement of any kind runs on that connection (so a query,
an update, a savepoint or a rollback to one always sees them, as with an ORM's autoflush)
and at the commit (the unit of work sends them explicitly; a bare `commit()` sends them
through the engine's `commit` event). A rollback discards them. A held row that breaks a
constraint fails the statement or the commit that sends it, inside the same transaction.

Why: a request that records a deadline, a timeline entry and an event paid a round trip
and a statement's execution overhead for each (bench/write_path.py)."""

from __future__ import annotations

import weakref
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Table, bindparam, event, insert
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from sqlalchemy.sql.dml import Insert

_SHAPES_KEPT = 256
# More held rows than this (an import, a sweep batch) go table by table, each table's rows
# in one multi-row insert: one CTE per row would compile a statement per batch size and
# run into the protocol's limit on parameters.
ONE_ROUND_TRIP = 16

# (table, columns) groups in order of first appearance, with their rows
Held = dict[tuple[Table, tuple[str, ...]], list[dict[str, Any]]]
Shape = tuple[tuple[Table, tuple[str, ...], int], ...]

# held rows by connection (not in `Connection.info`, which an invalidated connection cannot
# reach: a rollback after the database dropped the connection must still discard them)
_held: weakref.WeakKeyDictionary[Connection, Held] = weakref.WeakKeyDictionary()


def hold_insert(connection: AsyncConnection, table: Table, row: Mapping[str, Any]) -> None:
    """Insert `row` into `table` with the next statement or the commit on `connection`."""
    held = _held.setdefault(connection.sync_connection, {})  # type: ignore[arg-type]
    held.setdefault((table, tuple(row)), []).append(dict(row))


async def send_held(connection: AsyncConnection) -> None:
    """Send what is held on `connection` now (in its transaction)."""
    if connection.sync_connection is not None and _held.get(connection.sync_connection):
        await connection.run_sync(_send)


def discard_held(connection: AsyncConnection) -> None:
    if connection.sync_connection is not None:
        _held.pop(connection.sync_connection, None)


def install_held_inserts(engine: AsyncEngine) -> AsyncEngine:
    sync_engine = engine.sync_engine
    if not event.contains(sync_engine, "before_execute", _before_execute):
        event.listen(sync_engine, "before_execute", _before_execute)
        event.listen(sync_engine, "commit", _send)
        event.listen(sync_engine, "rollback", _discard)
    return engine


def _before_execute(conn: Connection, *_args: Any) -> None:
    _send(conn)


def _discard(conn: Connection) -> None:
    _held.pop(conn, None)


def _send(conn: Connection) -> None:
    held = _held.pop(conn, None)
    if not held:
        return
    if conn.dialect.name == "postgresql" and sum(map(len, held.values())) <= ONE_ROUND_TRIP:
        statement, params = _one_statement(held)
        conn.execute(statement, params)
        return
    for (table, _columns), rows in held.items():
        conn.execute(insert(table), rows)


_statements: OrderedDict[Shape, Insert] = OrderedDict()


def _one_statement(held: Held) -> tuple[Insert, dict[str, Any]]:
    """One INSERT for every held row: the last row in the statement itself, each other row
    in a CTE of it (one single-row INSERT each: SQLAlchemy caches the compiled form of
    those, not of multi-row VALUES). Built once per shape (tables, columns, row counts)
    with named parameters, so each shape is compiled once."""
    shape: Shape = tuple((table, columns, len(rows))
                         for (table, columns), rows in held.items())
    rows_in_order = [(table, columns, row)
                     for (table, columns), rows in held.items() for row in rows]
    params = {f"h{i}_{column}": value for i, (_t, _c, row) in enumerate(rows_in_order)
              for column, value in row.items()}
    statement = _statements.get(shape)
    if statement is not None:
        _statements.move_to_end(shape)
        return statement, params
    inserts = [insert(table).values({
        column: bindparam(f"h{i}_{column}", type_=table.c[column].type) for column in columns})
        for i, (table, columns, _row) in enumerate(rows_in_order)]
    statement = inserts[-1]
    for i, other in enumerate(inserts[:-1]):
        statement = statement.add_cte(other.cte(f"held_{i}"))
    _statements[shape] = statement
    if len(_statements) > _SHAPES_KEPT:
        _statements.popitem(last=False)
    return statement, params
