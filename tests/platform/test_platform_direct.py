"""Direct statements (common.db.direct) run inside the unit of work's own transaction, with
the same types in and out as SQLAlchemy gives, on Postgres and on SQLite."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, bindparam, insert, select
from sqlalchemy.exc import IntegrityError

from assessment.cases.tables import case, timeline_entry
from common.clock import FixedClock
from common.db.direct import DirectStatement, insert_into
from common.db.migrations import upgrade
from common.runtime import ServiceRuntime
from common.settings import Settings
from sendsys.services import SPECS
from tests import harness
from tests.harness import LA

TIMELINE_OF_CASE = DirectStatement(
    select(timeline_entry).where(timeline_entry.c.case_id == bindparam("case_id"),
                                 timeline_entry.c.event_type == "request.received")
    .order_by(timeline_entry.c.id))
CASE = DirectStatement(select(case.c.id, case.c.date_of_birth, case.c.version)
                       .where(case.c.id == bindparam("case_id")).with_for_update())


@pytest.fixture(scope="module")
def assessment_sqlite_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Assessment's SQLite file, migrated once for this module (the tests use distinct ids)."""
    url = f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('direct')}/{{service}}.sqlite3"
    upgrade("assessment", SPECS["assessment"]().service_root, Settings(env="test",
                                                                        database_url=url))
    return url


@pytest.fixture(params=["postgres", "sqlite"])
async def assessment(request: pytest.FixtureRequest, migrated_postgres: str,
                     assessment_sqlite_url: str,
                     fixed_clock: FixedClock) -> AsyncIterator[ServiceRuntime]:
    url = assessment_sqlite_url
    if request.param == "postgres":
        await harness.truncate_all(migrated_postgres)
        url = migrated_postgres
    runtime = ServiceRuntime(SPECS["assessment"](), harness.test_settings(url), fixed_clock)
    await runtime.start(background=False)
    try:
        yield runtime
    finally:
        await runtime.stop()


def a_case(case_id: str) -> dict[str, object]:
    return {"id": case_id, "la_code": LA, "given_name": "Amara", "family_name": "Okafor",
            "date_of_birth": date(2019, 3, 14), "version": 1,
            "created_at": datetime(2026, 3, 2, 9, tzinfo=UTC),
            "updated_at": datetime(2026, 3, 2, 9, tzinfo=UTC)}


def an_entry(case_id: str, n: int) -> dict[str, object]:
    return {"case_id": case_id, "la_code": LA, "event_type": "request.received",
            "occurred_on": date(2026, 3, n), "data": {"n": n, "sections": ["B", "F"]},
            "created_at": datetime(2026, 3, n, 12, 30, tzinfo=UTC)}


async def test_values_go_in_and_come_back_as_sqlalchemy_types(
        assessment: ServiceRuntime) -> None:
    async with assessment.unit_of_work() as uow:
        await insert_into(case).execute(uow.session, a_case("case-1"))
        await insert_into(timeline_entry).execute_many(
            uow.session, [an_entry("case-1", 2), an_entry("case-1", 3)])
        await uow.commit()
    async with assessment.unit_of_work() as uow:
        rows = await TIMELINE_OF_CASE.fetch_all(uow.session, {"case_id": "case-1"})
        locked = await CASE.fetch_one(uow.session, {"case_id": "case-1"})
        missing = await CASE.fetch_one(uow.session, {"case_id": "no-such-case"})
    assert [r["data"] for r in rows] == [{"n": 2, "sections": ["B", "F"]},
                                         {"n": 3, "sections": ["B", "F"]}]  # JSON decoded
    assert rows[0]["occurred_on"] == date(2026, 3, 2)
    assert rows[1]["created_at"] == datetime(2026, 3, 3, 12, 30, tzinfo=UTC)  # aware UTC
    assert locked == {"id": "case-1", "date_of_birth": date(2019, 3, 14), "version": 1}
    assert missing is None


async def test_a_rollback_discards_direct_writes_with_the_rest(
        assessment: ServiceRuntime) -> None:
    async with assessment.unit_of_work() as uow:
        # a session statement first, then direct ones: one transaction, both ways round
        await uow.session.execute(insert(case).values(**a_case("case-2")))
        await insert_into(timeline_entry).execute(uow.session, an_entry("case-2", 2))
        assert await CASE.fetch_one(uow.session, {"case_id": "case-2"}) is not None
        seen_by_session = (await uow.session.execute(
            select(timeline_entry.c.id).where(timeline_entry.c.case_id == "case-2"))).all()
        assert len(seen_by_session) == 1
        # leaving without commit rolls back
    async with assessment.unit_of_work() as uow:
        assert await CASE.fetch_one(uow.session, {"case_id": "case-2"}) is None
        assert await TIMELINE_OF_CASE.fetch_all(uow.session, {"case_id": "case-2"}) == []


async def test_a_unique_key_clash_is_an_integrity_error_and_writes_nothing(
        assessment: ServiceRuntime) -> None:
    async with assessment.unit_of_work() as uow:
        await insert_into(case).execute(uow.session, a_case("case-3"))
        await uow.commit()
    with pytest.raises(IntegrityError):
        async with assessment.unit_of_work() as uow:
            await insert_into(timeline_entry).execute(uow.session, an_entry("case-3", 4))
            await insert_into(case).execute(uow.session, a_case("case-3"))
    async with assessment.unit_of_work() as uow:
        assert await TIMELINE_OF_CASE.fetch_all(uow.session, {"case_id": "case-3"}) == []


async def test_a_missing_parameter_is_refused_before_anything_runs(
        assessment: ServiceRuntime) -> None:
    async with assessment.unit_of_work() as uow:
        with pytest.raises(KeyError if uow.session.get_bind().dialect.name == "postgresql"
                           else Exception):
            await CASE.fetch_one(uow.session, {})


def test_python_side_defaults_are_refused_rather_than_silently_left_out() -> None:
    from sqlalchemy.dialects import postgresql
    table = Table("with_default", MetaData(), Column("id", Integer, primary_key=True),
                  Column("status", String, default="open"))
    from common.db.direct import _compile
    with pytest.raises(TypeError, match="Python-side column defaults"):
        _compile(insert(table), postgresql.asyncpg.dialect(), None, ("id",))
