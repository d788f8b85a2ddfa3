"""Held inserts (common.db.held_inserts): rows held on a connection reach the database
before the next statement and at the commit, in one statement on Postgres; a rollback, or
a rollback to a savepoint taken before them, leaves nothing; a held row that breaks a
constraint fails the commit and nothing of the transaction is written."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, event, func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from common.db.engine import create_engine_for
from common.db.held_inserts import hold_insert, send_held
from tests.harness import test_settings as settings_for

pytestmark = pytest.mark.db

metadata = MetaData()
deadline = Table("held_deadline", metadata, Column("id", String(10), primary_key=True),
                 Column("kind", String(20), nullable=False))
timeline = Table("held_timeline", metadata, Column("id", Integer, primary_key=True),
                 Column("step", String(20), nullable=False))
outbox = Table("held_outbox", metadata, Column("event_id", String(10), primary_key=True))


@pytest.fixture(params=["postgres", "sqlite"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgres":
        url: str = request.getfixturevalue("migrated_postgres")
        return url
    return f"sqlite+aiosqlite:///{tmp_path}/{{service}}.sqlite3"


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    url = database_url
    if url.startswith("postgresql"):
        setup = create_engine_for(settings_for(url), "assessment")
        async with setup.begin() as conn:
            await conn.execute(text('CREATE SCHEMA IF NOT EXISTS "held_probe"'))
        await setup.dispose()
    engine = create_engine_for(settings_for(url), "held_probe")
    async with engine.begin() as conn:
        await conn.run_sync(metadata.drop_all)
        await conn.run_sync(metadata.create_all)
    statements: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", seen)
    engine.sync_engine.statements = statements
    yield engine
    async with engine.begin() as conn:
        await conn.run_sync(metadata.drop_all)
    await engine.dispose()


def inserts_sent(engine: AsyncEngine) -> list[str]:
    sent: list[str] = engine.sync_engine.statements  # type: ignore[attr-defined]
    return [s for s in sent if "INSERT" in s.upper()]


async def counts(engine: AsyncEngine) -> tuple[int, int, int]:
    async with engine.connect() as conn:
        return tuple([int(await conn.scalar(select(func.count()).select_from(t)) or 0)
                      for t in (deadline, timeline, outbox)])  # type: ignore[return-value]


async def test_held_rows_are_sent_with_the_commit_in_one_statement_on_postgres(
        engine: AsyncEngine) -> None:
    async with engine.connect() as conn:
        await conn.execute(select(1))  # the transaction has begun
        hold_insert(conn, deadline, {"id": "d1", "kind": "decide"})
        hold_insert(conn, timeline, {"step": "request.received"})
        hold_insert(conn, outbox, {"event_id": "e1"})
        assert inserts_sent(engine) == []  # nothing has gone yet
        await send_held(conn)
        await conn.commit()
    sent = inserts_sent(engine)
    assert len(sent) == (1 if engine.dialect.name == "postgresql" else 3)
    assert await counts(engine) == (1, 1, 1)


async def test_rows_of_one_table_keep_the_order_they_were_held_in(engine: AsyncEngine) -> None:
    """Serial ids follow the order of holding (the outbox's order is the events' order):
    a table holding several rows gets one insert of its own, never a CTE per row, whose
    order in one statement Postgres does not define."""
    async with engine.connect() as conn:
        await conn.execute(select(1))
        for n in range(4):
            hold_insert(conn, timeline, {"step": f"step-{n}"})
            hold_insert(conn, outbox, {"event_id": f"e{n}"})
        hold_insert(conn, deadline, {"id": "d1", "kind": "decide"})
        await conn.commit()
    async with engine.connect() as conn:
        steps = (await conn.execute(select(timeline.c.step).order_by(timeline.c.id))).scalars()
        assert list(steps) == [f"step-{n}" for n in range(4)]
    assert len(inserts_sent(engine)) == 3  # timeline, outbox, then the deadline


async def test_the_next_statement_sees_what_was_held(engine: AsyncEngine) -> None:
    async with engine.connect() as conn:
        hold_insert(conn, deadline, {"id": "d1", "kind": "decide"})
        assert await conn.scalar(select(deadline.c.kind).where(deadline.c.id == "d1")) == "decide"
        hold_insert(conn, deadline, {"id": "d2", "kind": "issue"})
        await conn.execute(deadline.update().where(deadline.c.id == "d2").values(kind="done"))
        await conn.commit()
    async with engine.connect() as conn:
        assert (await conn.execute(select(deadline.c.id, deadline.c.kind)
                                   .order_by(deadline.c.id))).all() == [("d1", "decide"),
                                                                        ("d2", "done")]


async def test_a_bare_commit_sends_them_and_a_rollback_discards_them(
        engine: AsyncEngine) -> None:
    async with engine.connect() as conn:
        await conn.execute(select(1))
        hold_insert(conn, outbox, {"event_id": "kept"})
        await conn.commit()  # no send_held: the engine's commit event sends them
        await conn.execute(select(1))
        hold_insert(conn, outbox, {"event_id": "dropped"})
        await conn.rollback()
        await conn.execute(select(1))
        await conn.commit()  # the rolled-back row is not sent with a later commit
    async with engine.connect() as conn:
        assert (await conn.execute(select(outbox.c.event_id))).scalars().all() == ["kept"]


async def test_a_rollback_to_a_savepoint_drops_what_was_held_after_it(
        engine: AsyncEngine) -> None:
    async with engine.connect() as conn:
        hold_insert(conn, timeline, {"step": "before"})
        savepoint = await conn.begin_nested()  # sends "before" first
        hold_insert(conn, timeline, {"step": "inside"})
        await savepoint.rollback()
        await conn.commit()
    async with engine.connect() as conn:
        assert (await conn.execute(select(timeline.c.step))).scalars().all() == ["before"]


async def test_a_held_row_that_breaks_a_constraint_fails_the_commit_and_writes_nothing(
        engine: AsyncEngine) -> None:
    async with engine.connect() as conn:
        await conn.execute(timeline.insert().values(step="written"))
        hold_insert(conn, outbox, {"event_id": "same"})
        hold_insert(conn, outbox, {"event_id": "same"})
        with pytest.raises(IntegrityError):
            await send_held(conn)
        await conn.rollback()
    assert await counts(engine) == (0, 0, 0)


async def test_many_held_rows_go_table_by_table(engine: AsyncEngine) -> None:
    """An import or a sweep batch holds hundreds of rows: more than ONE_ROUND_TRIP go as
    one multi-row insert per table (a CTE per row would pass the protocol's parameter
    limit long before 10,000 rows)."""
    async with engine.connect() as conn:
        for n in range(5_000):
            hold_insert(conn, outbox, {"event_id": f"e{n}"})
            hold_insert(conn, timeline, {"step": f"s{n}"})
        await send_held(conn)
        await conn.commit()
    assert await counts(engine) == (0, 5_000, 5_000)
    assert len(inserts_sent(engine)) <= 20  # batches of many rows, not 10,000 statements
