"""Every query of the mediation service; tenancy in every lookup; no commits."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Result, Table, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from mediation.tables import (
    appeal,
    certificate,
    certificate_counter,
    mediation_case,
)

Row = Mapping[str, Any]


def _one(result: Result[Any]) -> Row | None:
    row = result.mappings().one_or_none()
    return dict(row) if row is not None else None


def _all(result: Result[Any]) -> list[Row]:
    return [dict(r) for r in result.mappings().all()]


async def by_decision(session: AsyncSession, decision_id: str) -> Row | None:
    return _one(await session.execute(select(mediation_case).where(
        mediation_case.c.decision_id == decision_id)))


async def insert_case(session: AsyncSession, values: dict[str, Any]) -> None:
    await session.execute(insert(mediation_case).values(**values))


async def get(session: AsyncSession, la_code: str, mediation_case_id: str) -> Row | None:
    return _one(await session.execute(select(mediation_case).where(
        mediation_case.c.id == mediation_case_id, mediation_case.c.la_code == la_code)))


async def update_case(session: AsyncSession, row: Row, values: dict[str, Any]) -> Row:
    """Apply `values` and bump the version (ETag); returns the row as stored."""
    await session.execute(update(mediation_case).where(mediation_case.c.id == row["id"])
                          .values(**values, version=row["version"] + 1))
    return {**row, **values, "version": row["version"] + 1}


async def all_cases(session: AsyncSession, la_code: str) -> list[Row]:
    return _all(await session.execute(select(mediation_case).where(
        mediation_case.c.la_code == la_code)))


# --- generic rows --------------------------------------------------------------------------


async def insert_row(session: AsyncSession, table: Table, values: dict[str, Any]) -> None:
    await session.execute(insert(table).values(**values))


async def get_row(session: AsyncSession, table: Table, la_code: str, row_id: str) -> Row | None:
    return _one(await session.execute(select(table).where(
        table.c.id == row_id, table.c.la_code == la_code)))


async def update_row(session: AsyncSession, table: Table, row_id: str,
                     values: dict[str, Any]) -> None:
    await session.execute(update(table).where(table.c.id == row_id).values(**values))


async def rows_of_case(session: AsyncSession, table: Table, mediation_case_id: str) -> list[Row]:
    order = table.c.get("created_at", table.c.id)
    return _all(await session.execute(select(table).where(
        table.c.mediation_case_id == mediation_case_id).order_by(order, table.c.id)))


async def page_rows(session: AsyncSession, table: Table, la_code: str,
                    filters: Sequence[ColumnElement[bool]], limit: int, offset: int,
                    order: Sequence[Any] = ()) -> tuple[list[Row], int]:
    conditions = [table.c.la_code == la_code, *filters]
    total = await session.scalar(select(func.count()).select_from(table).where(*conditions))
    rows = _all(await session.execute(select(table).where(*conditions)
                                  .order_by(*(order or (table.c.id,)))
                                  .limit(limit).offset(offset)))
    return rows, int(total or 0)


async def certificates_in(session: AsyncSession, la_code: str) -> list[Row]:
    return _all(await session.execute(select(certificate).where(
        certificate.c.la_code == la_code)))


async def appeals_in(session: AsyncSession, la_code: str) -> list[Row]:
    return _all(await session.execute(select(appeal).where(
        appeal.c.la_code == la_code)))


# --- certificate numbers -------------------------------------------------------------------


async def next_certificate_seq(session: AsyncSession, la_code: str, year: int) -> int:
    """The next certificate number of the LA in `year`: one atomic upsert that holds the
    counter row's lock until commit, so concurrent issuers never share a number."""
    insert_ = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    upsert = insert_(certificate_counter).values(la_code=la_code, year=year, last_seq=1)
    statement = upsert.on_conflict_do_update(
        index_elements=[certificate_counter.c.la_code, certificate_counter.c.year],
        set_={"last_seq": certificate_counter.c.last_seq + 1},
    ).returning(certificate_counter.c.last_seq)
    return int((await session.execute(statement)).scalar_one())


# --- deadlines (the platform's table, read here; opened/closed through DeadlineBook) ------


async def open_deadlines(session: AsyncSession, deadline: Table, ref_id: str) -> list[Row]:
    return _all(await session.execute(select(deadline).where(
        deadline.c.ref_id == ref_id, deadline.c.status == "open")))


async def deadlines_of(session: AsyncSession, deadline: Table, case_id: str,
                       ref_ids: Sequence[str]) -> list[Row]:
    return _all(await session.execute(select(deadline).where(
        deadline.c.case_id == case_id, deadline.c.ref_id.in_(list(ref_ids)))
        .order_by(deadline.c.due_on, deadline.c.kind)))
