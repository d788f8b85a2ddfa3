"""Every query of the assessment service. Tenancy (the LA code) is part of every lookup.
No commits here: the unit of work owns the one commit."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from assessment.tables import assessment_request, case, case_contact, platform
from assessment.tables_lifecycle import plan
from common import calendar
from common.db.direct import DirectStatement

Row = Mapping[str, Any]


async def insert_case(session: AsyncSession, values: dict[str, Any]) -> None:
    await session.execute(insert(case).values(**values))


_CASE = select(case).where(case.c.id == bindparam("case_id"),
                           case.c.la_code == bindparam("la_code"))
_LAST_ASSESSED_ON = (select(func.max(assessment_request.c.decided_on))
                     .where(assessment_request.c.case_id == case.c.id,
                            assessment_request.c.decision == "assess")
                     .scalar_subquery().label("last_assessed_on"))
# FOR UPDATE renders nothing on SQLite, where a write transaction locks the whole file
CASE = DirectStatement(_CASE)
CASE_FOR_UPDATE = DirectStatement(_CASE.with_for_update(of=case))
CASE_FOR_REQUEST = DirectStatement(_CASE.add_columns(_LAST_ASSESSED_ON).with_for_update(of=case))


async def get_case(session: AsyncSession, la_code: str, case_id: str,
                   *, for_update: bool = False) -> Row | None:
    statement = CASE_FOR_UPDATE if for_update else CASE
    return await statement.fetch_one(session, {"case_id": case_id, "la_code": la_code})


async def case_for_request(session: AsyncSession, la_code: str, case_id: str) -> Row | None:
    """The case, locked, with the last day an EHC needs assessment of it was decided on
    (R1.6), in one round trip: what every new request needs."""
    return await CASE_FOR_REQUEST.fetch_one(session, {"case_id": case_id, "la_code": la_code})


async def bump_case_version(session: AsyncSession, case_id: str, values: dict[str, Any]) -> None:
    await session.execute(update(case).where(case.c.id == case_id)
                          .values(version=case.c.version + 1, **values))


async def replace_contacts(session: AsyncSession, case_id: str,
                           contacts: Sequence[dict[str, Any]], new_id: Any) -> None:
    await session.execute(delete(case_contact).where(case_contact.c.case_id == case_id))
    if contacts:
        await session.execute(insert(case_contact), [
            {"id": new_id(), "case_id": case_id, "position": n, **c}
            for n, c in enumerate(contacts)])


async def contacts_of(session: AsyncSession, case_id: str) -> list[Row]:
    return list((await session.execute(
        select(case_contact).where(case_contact.c.case_id == case_id)
        .order_by(case_contact.c.position))).mappings().all())


INSERT_REQUEST = DirectStatement(insert(assessment_request).returning(*assessment_request.c))


async def insert_request(session: AsyncSession, values: dict[str, Any]) -> Row:
    """The new request row, as stored."""
    row = await INSERT_REQUEST.fetch_one(session, values)
    assert row is not None
    return row


async def get_request(session: AsyncSession, la_code: str, request_id: str) -> Row | None:
    return (await session.execute(select(assessment_request).where(
        assessment_request.c.id == request_id, assessment_request.c.la_code == la_code))
    ).mappings().one_or_none()


async def requests_of_case(session: AsyncSession, case_id: str) -> list[Row]:
    return list((await session.execute(select(assessment_request).where(
        assessment_request.c.case_id == case_id).order_by(assessment_request.c.received_on))
    ).mappings().all())


async def update_request(session: AsyncSession, request_id: str, values: dict[str, Any]) -> None:
    await session.execute(update(assessment_request)
                          .where(assessment_request.c.id == request_id).values(**values))


async def work_tray(session: AsyncSession, la_code: str, *, filters: dict[str, Any],
                    as_of: date, due_within_days: int | None, overdue: bool | None,
                    limit: int, offset: int, newest_first: bool = False) -> tuple[list[Row], int]:
    table = platform.deadline
    conditions = [table.c.la_code == la_code]
    for column, value in filters.items():
        if value is not None:
            conditions.append(table.c[column] == value)
    if due_within_days is not None:
        conditions.append(table.c.due_on <= calendar.add_days(as_of, due_within_days))
    if overdue is True:
        conditions.append(table.c.due_on < as_of)
    elif overdue is False:
        conditions.append(table.c.due_on >= as_of)
    # Count at most COUNT_CAP + 1 rows: an exact total over a whole LA's open deadlines
    # (hundreds of thousands in a large LA) costs more than the page itself.
    capped = select(table.c.id).where(*conditions).limit(WORK_TRAY_COUNT_CAP + 1).subquery()
    total = await session.scalar(select(func.count()).select_from(capped))
    rows = (await session.execute(select(table).where(*conditions)
                                  .order_by(table.c.due_on.desc() if newest_first
                                            else table.c.due_on, table.c.id)
                                  .limit(limit).offset(offset))).mappings().all()
    return list(rows), int(total or 0)


WORK_TRAY_COUNT_CAP = 10_000


async def case_by_nhs_number(session: AsyncSession, la_code: str, nhs_number: str) -> str | None:
    return await session.scalar(select(case.c.id).where(
        case.c.la_code == la_code, case.c.nhs_number == nhs_number))


async def has_active_plan(session: AsyncSession, case_id: str) -> bool:
    found = await session.scalar(select(func.count()).select_from(plan).where(
        plan.c.case_id == case_id, plan.c.status.in_(("issued", "ceasing"))))
    return bool(found)
