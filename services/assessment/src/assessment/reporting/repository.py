"""Queries of the caseworker's views: the work tray, a case's timeline, the dashboard counts
and the plans a timeliness report covers. Reads only; nothing is written or locked."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncConnection

from assessment.cases.tables import case, timeline_entry
from assessment.db import platform
from assessment.domain.records import DeadlineRecord, IssuedPlan, TimelineEntryRecord, from_row
from assessment.domain.status import PlanOrigin
from assessment.plans.tables import plan
from assessment.requests.tables import assessment_request
from common import calendar
from common.deadlines import OPEN

deadline = platform.deadline
# Count at most WORK_TRAY_COUNT_CAP + 1 rows: an exact total over a whole LA's open deadlines
# (hundreds of thousands in a large LA) costs more than the page itself.
WORK_TRAY_COUNT_CAP = 10_000


async def work_tray(connection: AsyncConnection, la_code: str, *, filters: dict[str, Any],
                    as_of: date, due_within_days: int | None, overdue: bool | None,
                    limit: int, offset: int,
                    newest_first: bool = False) -> tuple[list[DeadlineRecord], int]:
    conditions = [deadline.c.la_code == la_code]
    for column, value in filters.items():
        if value is not None:
            conditions.append(deadline.c[column] == value)
    if due_within_days is not None:
        conditions.append(deadline.c.due_on <= calendar.add_days(as_of, due_within_days))
    if overdue is True:
        conditions.append(deadline.c.due_on < as_of)
    elif overdue is False:
        conditions.append(deadline.c.due_on >= as_of)
    capped = select(deadline.c.id).where(*conditions).limit(WORK_TRAY_COUNT_CAP + 1).subquery()
    total = await connection.scalar(select(func.count()).select_from(capped))
    page = (select(deadline).where(*conditions)
            .order_by(deadline.c.due_on.desc() if newest_first else deadline.c.due_on,
                      deadline.c.id).limit(limit).offset(offset).subquery())
    # the child's name and date of birth beside each case id, read for the page only
    rows = (await connection.execute(
        select(page, *PERSON).outerjoin(case, case.c.id == page.c.case_id)
        .order_by(page.c.due_on.desc() if newest_first else page.c.due_on, page.c.id))
            ).mappings().all()
    return [from_row(DeadlineRecord, r) for r in rows], int(total or 0)


PERSON = (case.c.given_name, case.c.family_name, case.c.date_of_birth)


async def timeline_entries(connection: AsyncConnection, case_id: str) -> list[TimelineEntryRecord]:
    rows = (await connection.execute(select(timeline_entry).where(
        timeline_entry.c.case_id == case_id).order_by(timeline_entry.c.id))).mappings().all()
    return [from_row(TimelineEntryRecord, r) for r in rows]


async def deadlines_of_case(connection: AsyncConnection, case_id: str) -> list[DeadlineRecord]:
    rows = (await connection.execute(select(deadline).where(deadline.c.case_id == case_id))
            ).mappings().all()
    return [from_row(DeadlineRecord, r) for r in rows]


async def counts_by(connection: AsyncConnection, column: Any, la_code: str) -> dict[str, int]:
    """How many of the LA's rows of `column`'s table have each value of it."""
    table = column.table
    rows = await connection.execute(select(column, func.count()).where(
        table.c.la_code == la_code).group_by(column))
    return {str(k): int(n) for k, n in rows.all()}


async def requests_by_stage(connection: AsyncConnection, la_code: str) -> dict[str, int]:
    return await counts_by(connection, assessment_request.c.status, la_code)


async def plans_by_status(connection: AsyncConnection, la_code: str) -> dict[str, int]:
    return await counts_by(connection, plan.c.status, la_code)


async def breaches_by_kind(connection: AsyncConnection, la_code: str, start: date,
                           end: date) -> dict[str, int]:
    """Deadlines due in [start, end] that were missed: still open after their day, or closed
    late."""
    breached = or_(and_(deadline.c.status == OPEN, deadline.c.due_on < end),
                   and_(deadline.c.status == "closed", deadline.c.closed_on > deadline.c.due_on))
    rows = await connection.execute(select(deadline.c.kind, func.count()).where(
        deadline.c.la_code == la_code, deadline.c.due_on >= start,
        deadline.c.due_on <= end, breached).group_by(deadline.c.kind))
    return {k: int(n) for k, n in rows.all()}


async def open_deadline_counts(connection: AsyncConnection, la_code: str,
                               today: date) -> tuple[int, int]:
    """(open, overdue) deadlines of the LA."""
    mine = [deadline.c.la_code == la_code, deadline.c.status == OPEN]
    open_count = await connection.scalar(select(func.count()).select_from(deadline).where(*mine))
    overdue = await connection.scalar(select(func.count()).select_from(deadline).where(
        *mine, deadline.c.due_on < today))
    return int(open_count or 0), int(overdue or 0)


async def new_plans_issued(connection: AsyncConnection, la_code: str, start: date,
                           end: date) -> list[IssuedPlan]:
    """R13.2: new plans first issued in [start, end], with their requests' received day."""
    rows = (await connection.execute(
        select(plan.c.request_id, plan.c.first_issued_on, assessment_request.c.received_on)
        .join(assessment_request, assessment_request.c.id == plan.c.request_id)
        .where(plan.c.la_code == la_code, plan.c.origin == PlanOrigin.NEW.value,
               plan.c.first_issued_on >= start, plan.c.first_issued_on <= end))).mappings().all()
    return [from_row(IssuedPlan, r) for r in rows]
