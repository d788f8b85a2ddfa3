"""Queries of the lifecycle tables (advice, exceptions, plans, reviews, ceasing, transfers).
Tenancy (the LA code) is part of every lookup by id. No commits here."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Table, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from assessment.tables import case, platform
from assessment.tables_lifecycle import (
    advice_request,
    cease_proposal,
    plan,
    plan_comment,
    plan_version,
    review,
    school_request,
    timeline_exception,
    transfer,
)
from common.deadlines import OPEN

Row = Mapping[str, Any]


async def add(session: AsyncSession, table: Table, values: dict[str, Any]) -> None:
    await session.execute(insert(table).values(**values))


async def change(session: AsyncSession, table: Table, row_id: str,
                 values: dict[str, Any]) -> None:
    await session.execute(update(table).where(table.c.id == row_id).values(**values))


async def get_in_la(session: AsyncSession, table: Table, la_code: str, row_id: str) -> Row | None:
    """A row of a table that carries la_code, or None."""
    return (await session.execute(select(table).where(
        table.c.id == row_id, table.c.la_code == la_code))).mappings().one_or_none()


async def get_via_plan(session: AsyncSession, table: Table, la_code: str,
                       row_id: str) -> Row | None:
    """A row of a plan's child table (comments, school requests, cease proposals)."""
    query = select(table).join(plan, plan.c.id == table.c.plan_id).where(
        table.c.id == row_id, plan.c.la_code == la_code)
    return (await session.execute(query)).mappings().one_or_none()


async def rows(session: AsyncSession, table: Table, order_by: str = "id",
               **where: Any) -> list[Row]:
    query = select(table).where(*[table.c[k] == v for k, v in where.items()])
    return list((await session.execute(query.order_by(table.c[order_by]))).mappings().all())


async def advice_received_types(session: AsyncSession, request_id: str) -> set[str]:
    return set((await session.scalars(select(advice_request.c.advice_type).where(
        advice_request.c.request_id == request_id,
        advice_request.c.status == "received"))).all())


async def advice_for_org(session: AsyncSession, la_code: str, org_code: str,
                         status: str | None) -> list[Row]:
    query = select(advice_request).where(advice_request.c.la_code == la_code,
                                         advice_request.c.recipient_org_code == org_code)
    if status:
        query = query.where(advice_request.c.status == status)
    return list((await session.execute(query.order_by(advice_request.c.due_on))
                 ).mappings().all())


async def version(session: AsyncSession, plan_id: str, number: int) -> Row | None:
    return (await session.execute(select(plan_version).where(
        plan_version.c.plan_id == plan_id, plan_version.c.number == number))
    ).mappings().one_or_none()


async def plan_for_update(session: AsyncSession, la_code: str, plan_id: str) -> Row | None:
    query = select(plan).where(plan.c.id == plan_id, plan.c.la_code == la_code)
    if session.bind.dialect.name == "postgresql":
        query = query.with_for_update()
    return (await session.execute(query)).mappings().one_or_none()


async def bump_plan(session: AsyncSession, plan_id: str, values: dict[str, Any]) -> None:
    await session.execute(update(plan).where(plan.c.id == plan_id)
                          .values(version=plan.c.version + 1, **values))


async def active_plan_of_case(session: AsyncSession, case_id: str) -> Row | None:
    return (await session.execute(select(plan).where(
        plan.c.case_id == case_id, plan.c.status.in_(("draft", "issued", "ceasing")))
        .order_by(plan.c.created_at.desc()).limit(1))).mappings().one_or_none()


async def case_of(session: AsyncSession, case_id: str) -> Row | None:
    return (await session.execute(select(case).where(case.c.id == case_id))
            ).mappings().one_or_none()


__all__ = ["advice_request", "cease_proposal", "plan", "plan_comment", "plan_version",
           "review", "school_request", "timeline_exception", "transfer"]


async def has_open_deadline(session: AsyncSession, case_id: str, kind: str,
                            ref_id: str) -> bool:
    """Whether the case already has an open deadline of `kind` for `ref_id`."""
    deadline = platform.deadline
    return (await session.scalar(select(deadline.c.id).where(
        deadline.c.case_id == case_id, deadline.c.kind == kind, deadline.c.ref_id == ref_id,
        deadline.c.status == "open").limit(1))) is not None


async def open_deadlines_of(session: AsyncSession, case_id: str,
                            ref_ids: list[str]) -> list[tuple[str, str]]:
    """The (kind, ref_id) of the case's open deadlines on any of `ref_ids`."""
    table = platform.deadline
    return [(r.kind, r.ref_id) for r in (await session.execute(
        select(table.c.kind, table.c.ref_id).distinct().where(
            table.c.case_id == case_id, table.c.ref_id.in_(ref_ids),
            table.c.status == OPEN))).all()]
