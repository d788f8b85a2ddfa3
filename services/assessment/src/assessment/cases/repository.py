"""Queries of cases, their contacts and their timeline. Tenancy (the LA code) is part of
every lookup by id; nothing here commits."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from assessment.cases.tables import case, case_contact, timeline_entry
from assessment.db import platform
from assessment.domain.records import CaseRecord, ContactRecord, from_row
from assessment.domain.status import MAINTAINED
from assessment.plans.tables import plan
from common.db.direct import DirectStatement
from common.deadlines import OPEN

_CASE = select(case).where(case.c.id == bindparam("case_id"),
                           case.c.la_code == bindparam("la_code"))
# FOR UPDATE renders nothing on SQLite, where a write transaction locks the whole file
CASE = DirectStatement(_CASE)
CASE_FOR_UPDATE = DirectStatement(_CASE.with_for_update(of=case))
INSERT_TIMELINE_ENTRY = DirectStatement(insert(timeline_entry))


async def insert_case(session: AsyncSession, values: dict[str, Any]) -> None:
    await session.execute(insert(case).values(**values))


async def insert_cases(session: AsyncSession, values: list[dict[str, Any]]) -> None:
    """Many cases at once (a legacy import), 1,000 a statement."""
    for start in range(0, len(values), 1000):
        await session.execute(insert(case), values[start:start + 1000])


async def get_case(session: AsyncSession, la_code: str, case_id: str,
                   *, for_update: bool = False) -> CaseRecord | None:
    statement = CASE_FOR_UPDATE if for_update else CASE
    row = await statement.fetch_one(session, {"case_id": case_id, "la_code": la_code})
    return None if row is None else from_row(CaseRecord, row)


async def case_of(session: AsyncSession, case_id: str) -> CaseRecord:
    """A case already known to exist (its id came from a record of the caller's LA)."""
    row = (await session.execute(select(case).where(case.c.id == case_id))).mappings().one()
    return from_row(CaseRecord, row)


async def case_by_nhs_number(session: AsyncSession, la_code: str, nhs_number: str) -> str | None:
    return await session.scalar(select(case.c.id).where(
        case.c.la_code == la_code, case.c.nhs_number == nhs_number))


async def bump_case_version(session: AsyncSession, case_id: str, values: dict[str, Any]) -> None:
    await session.execute(update(case).where(case.c.id == case_id)
                          .values(version=case.c.version + 1, **values))


async def replace_contacts(session: AsyncSession, case_id: str,
                           contacts: Sequence[dict[str, Any]], new_id: Callable[[], str]) -> None:
    await session.execute(delete(case_contact).where(case_contact.c.case_id == case_id))
    if contacts:
        await session.execute(insert(case_contact), [
            {"id": new_id(), "case_id": case_id, "position": n, **c}
            for n, c in enumerate(contacts)])


async def contacts_of(session: AsyncSession, case_id: str) -> list[ContactRecord]:
    rows = (await session.execute(select(case_contact).where(case_contact.c.case_id == case_id)
                                  .order_by(case_contact.c.position))).mappings().all()
    return [from_row(ContactRecord, r) for r in rows]


async def has_active_plan(session: AsyncSession, case_id: str) -> bool:
    """Whether an issued plan (or one being ceased) is maintained for the case."""
    found = await session.scalar(select(func.count()).select_from(plan).where(
        plan.c.case_id == case_id, plan.c.status.in_(tuple(MAINTAINED))))
    return bool(found)


async def add_timeline_entry(session: AsyncSession, case_id: str, la_code: str,
                             event_type: str, occurred_on: date, data: dict[str, Any],
                             at: datetime) -> None:
    await INSERT_TIMELINE_ENTRY.execute(session, {
        "case_id": case_id, "la_code": la_code, "event_type": event_type,
        "occurred_on": occurred_on, "data": data, "created_at": at})


async def has_open_deadline(session: AsyncSession, case_id: str, kind: str, ref_id: str) -> bool:
    """Whether the case already has an open deadline of `kind` for `ref_id`."""
    deadline = platform.deadline
    return (await session.scalar(select(deadline.c.id).where(
        deadline.c.case_id == case_id, deadline.c.kind == kind, deadline.c.ref_id == ref_id,
        deadline.c.status == OPEN).limit(1))) is not None


async def open_deadlines_of(session: AsyncSession, case_id: str,
                            ref_ids: list[str]) -> list[tuple[str, str]]:
    """The (kind, ref_id) of the case's open deadlines on any of `ref_ids`."""
    deadline = platform.deadline
    return [(r.kind, r.ref_id) for r in (await session.execute(
        select(deadline.c.kind, deadline.c.ref_id).distinct().where(
            deadline.c.case_id == case_id, deadline.c.ref_id.in_(ref_ids),
            deadline.c.status == OPEN))).all()]
