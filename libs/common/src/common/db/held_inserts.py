"""Rows a use case only appends and does not read back at once (a deadline it opens, a
timeline entry, the outbox rows of its events) are held on the connection and sent
together: on Postgres, when they are few (as on the write path), the tables that hold
one row each go in one statement (each row but the last a data-modifying CTE of it);
a table holding several rows gets them in one insert of its own, in the order they were
held, so that serial ids (the outbox's, the timeline's) keep that order — the order of
the sub-statements of one statement is not defined. Otherwise, and on SQLite, table by
table.

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
# More held rows than this (an import, a sweep batch) go table by table: one CTE per row
# would compile a statement per batch size and run into the protocol's parameter limit.
ONE_ROUND_TRIP = 16

# held rows by table, each table's in the order they were held; tables in the order first
# held
Held = dict[Table, list[dict[str, Any]]]
Shape = tuple[tuple[Table, tuple[str, ...]], ...]

# held rows by connection (not in `Connection.info`, which an invalidated connection cannot
# reach: a rollback after the database dropped the connection must still discard them)
_held: weakref.WeakKeyDictionary[Connection, Held] = weakref.WeakKeyDictionary()


def hold_insert(connection: AsyncConnection, table: Table, row: Mapping[str, Any]) -> None:
    """Insert `row` into `table` with the next statement or the commit on `connection`."""
    held = _held.setdefault(connection.sync_connection, {})  # type: ignore[arg-type]
    held.setdefault(table, []).append(dict(row))


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
    combine = (conn.dialect.name == "postgresql"
               and sum(map(len, held.values())) <= ONE_ROUND_TRIP)
    singles = [(table, rows[0]) for table, rows in held.items() if combine and len(rows) == 1]
    for table, rows in held.items():
        if not (combine and len(rows) == 1):
            _insert_in_order(conn, table, rows)
    if len(singles) == 1:
        table, row = singles[0]
        conn.execute(insert(table), [row])
    elif singles:
        conn.execute(*_one_statement(singles))


def _insert_in_order(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """The rows of one table, in order: one executemany per run of rows with the same
    columns."""
    run: list[dict[str, Any]] = []
    for row in rows:
        if run and row.keys() != run[0].keys():
            conn.execute(insert(table), run)
            run = []
        run.append(row)
    conn.execute(insert(table), run)


_statements: OrderedDict[Shape, Insert] = OrderedDict()


def _one_statement(singles: list[tuple[Table, dict[str, Any]]]) -> tuple[Insert, dict[str, Any]]:
    """One INSERT for one row of each of several tables: the last in the statement itself,
    each other in a CTE of it (single-row INSERTs, whose compiled form SQLAlchemy caches,
    as it does not that of multi-row VALUES). Built once per shape (tables and columns)
    with named parameters, so each shape is compiled once."""
    shape: Shape = tuple((table, tuple(row)) for table, row in singles)
    params = {f"h{i}_{column}": value for i, (_table, row) in enumerate(singles)
              for column, value in row.items()}
    statement = _statements.get(shape)
    if statement is not None:
        _statements.move_to_end(shape)
        return statement, params
    inserts = [insert(table).values({
        column: bindparam(f"h{i}_{column}", type_=table.c[column].type) for column in columns})
        for i, (table, columns) in enumerate(shape)]
    statement = inserts[-1]
    for i, other in enumerate(inserts[:-1]):
        statement = statement.add_cte(other.cte(f"held_{i}"))
    _statements[shape] = statement
    if len(_statements) > _SHAPES_KEPT:
        _statements.popitem(last=False)
    return statement, params
