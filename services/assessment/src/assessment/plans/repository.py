"""Queries of EHC plans, their versions, comments and school requests. Tenancy (the LA code)
is part of every lookup by id; nothing here commits."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Table, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from assessment.db import platform
from assessment.domain.model import DeadlineKind
from assessment.domain.records import (
    CommentRecord,
    DeadlineRecord,
    PlanRecord,
    SchoolRequestRecord,
    VersionRecord,
    from_row,
)
from assessment.domain.status import ACTIVE
from assessment.plans.tables import plan, plan_comment, plan_version, school_request
from common.deadlines import CLOSED, OPEN


async def _insert(connection: AsyncConnection, table: Table, values: dict[str, Any]) -> None:
    await connection.execute(insert(table).values(**values))


async def add_plan(connection: AsyncConnection, values: dict[str, Any]) -> None:
    await _insert(connection, plan, values)


async def add_plans(connection: AsyncConnection, values: list[dict[str, Any]],
                    versions: list[dict[str, Any]]) -> None:
    """Many plans, each with its first version, 1,000 rows a statement (a legacy import)."""
    for table, rows in ((plan, values), (plan_version, versions)):
        for start in range(0, len(rows), 1000):
            await connection.execute(insert(table), rows[start:start + 1000])


async def get_plan(connection: AsyncConnection, la_code: str, plan_id: str,
                   *, for_update: bool = False) -> PlanRecord | None:
    query = select(plan).where(plan.c.id == plan_id, plan.c.la_code == la_code)
    if for_update and connection.dialect.name == "postgresql":
        query = query.with_for_update()
    row = (await connection.execute(query)).mappings().one_or_none()
    return None if row is None else from_row(PlanRecord, row)


async def bump_plan(connection: AsyncConnection, plan_id: str, values: dict[str, Any]) -> None:
    """A change the family or other services may act on: the plan's version moves on."""
    await connection.execute(update(plan).where(plan.c.id == plan_id)
                          .values(version=plan.c.version + 1, **values))


async def update_plan(connection: AsyncConnection, plan_id: str, values: dict[str, Any]) -> None:
    await connection.execute(update(plan).where(plan.c.id == plan_id).values(**values))


async def active_plan_of_case(connection: AsyncConnection, case_id: str) -> PlanRecord | None:
    """The case's latest plan that is drafted, issued or being ceased."""
    row = (await connection.execute(select(plan).where(
        plan.c.case_id == case_id, plan.c.status.in_(tuple(ACTIVE)))
        .order_by(plan.c.created_at.desc()).limit(1))).mappings().one_or_none()
    return None if row is None else from_row(PlanRecord, row)


async def legacy_refs(connection: AsyncConnection, la_code: str) -> set[str]:
    return set((await connection.scalars(select(plan.c.legacy_ref).where(
        plan.c.la_code == la_code, plan.c.legacy_ref.is_not(None)))).all())


async def add_version(connection: AsyncConnection, values: dict[str, Any]) -> None:
    await _insert(connection, plan_version, values)


async def version(connection: AsyncConnection, plan_id: str, number: int) -> VersionRecord | None:
    row = (await connection.execute(select(plan_version).where(
        plan_version.c.plan_id == plan_id, plan_version.c.number == number))
    ).mappings().one_or_none()
    return None if row is None else from_row(VersionRecord, row)


async def versions_of(connection: AsyncConnection, plan_id: str) -> list[VersionRecord]:
    rows = (await connection.execute(select(plan_version).where(plan_version.c.plan_id == plan_id)
                                  .order_by(plan_version.c.number))).mappings().all()
    return [from_row(VersionRecord, r) for r in rows]


async def add_comment(connection: AsyncConnection, values: dict[str, Any]) -> None:
    await _insert(connection, plan_comment, values)


async def comments_of(connection: AsyncConnection, plan_id: str) -> list[CommentRecord]:
    rows = (await connection.execute(select(plan_comment).where(plan_comment.c.plan_id == plan_id)
                                  .order_by(plan_comment.c.received_on))).mappings().all()
    return [from_row(CommentRecord, r) for r in rows]


async def add_school_request(connection: AsyncConnection, values: dict[str, Any]) -> None:
    await _insert(connection, school_request, values)


async def get_school_request(connection: AsyncConnection, la_code: str,
                             school_request_id: str) -> SchoolRequestRecord | None:
    row = (await connection.execute(select(school_request)
                                 .join(plan, plan.c.id == school_request.c.plan_id)
                                 .where(school_request.c.id == school_request_id,
                                        plan.c.la_code == la_code))).mappings().one_or_none()
    return None if row is None else from_row(SchoolRequestRecord, row)


async def update_school_request(connection: AsyncConnection, school_request_id: str,
                                values: dict[str, Any]) -> None:
    await connection.execute(update(school_request)
                          .where(school_request.c.id == school_request_id).values(**values))



async def update_version(connection: AsyncConnection,
                         version_id: str, values: dict[str, Any]) -> None:
    await connection.execute(update(plan_version).where(plan_version.c.id == version_id)
                          .values(**values))


async def open_deadlines_of_plan(connection: AsyncConnection, case_id: str,
                                 plan_id: str) -> list[DeadlineRecord]:
    """The plan's open statutory deadlines (those kept against its id), soonest first."""
    deadline = platform.deadline
    rows = (await connection.execute(select(
        deadline.c.id, deadline.c.case_id, deadline.c.kind, deadline.c.due_on,
        deadline.c.status, deadline.c.closed_on, deadline.c.ref_id).where(
        deadline.c.case_id == case_id, deadline.c.ref_id == plan_id,
        deadline.c.status == OPEN).order_by(deadline.c.due_on, deadline.c.kind))).mappings()
    return [from_row(DeadlineRecord, r) for r in rows]


async def close_comment_windows_ended(connection: AsyncConnection, as_of: date) -> int:
    """Mark met, on their last day, the draft comment windows (R1.12) that end by `as_of`."""
    deadline = platform.deadline
    result = await connection.execute(update(deadline).where(
        deadline.c.kind == DeadlineKind.DRAFT_COMMENTS_CLOSE.value, deadline.c.status == OPEN,
        deadline.c.due_on <= as_of).values(status=CLOSED, closed_on=deadline.c.due_on,
                                           next_alert_on=None))
    return int(getattr(result, "rowcount", 0) or 0)


async def never_alert(connection: AsyncConnection, deadline_id: str) -> None:
    """A deadline that is shown (work tray, timeline, the plan) but never alerts: the draft's
    comment window is the family's time, which the LA cannot miss."""
    deadline = platform.deadline
    await connection.execute(update(deadline).where(deadline.c.id == deadline_id)
                          .values(next_alert_on=None))
