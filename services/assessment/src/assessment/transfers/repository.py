"""Queries of moves out and transfer reviews. Tenancy (the LA code) is part of every lookup
by id; nothing here commits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import delete, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from assessment.cases.tables import case
from assessment.db import platform
from assessment.domain.model import DeadlineKind
from assessment.domain.records import TransferRecord, from_row
from assessment.domain.status import MAINTAINED
from assessment.plans.tables import plan
from assessment.transfers.tables import phase_pattern, transfer

PHASE_TRANSFER = DeadlineKind.PHASE_TRANSFER_NAMED_BY.value


@dataclass(frozen=True, slots=True)
class CohortMember:
    """A maintained plan of a child in a transfer cohort (R3.6)."""

    plan_id: str
    case_id: str
    la_code: str
    date_of_birth: date
    team: str | None
    caseworker_id: str | None
    pattern: str | None


async def add_transfer(connection: AsyncConnection, values: dict[str, Any]) -> None:
    await connection.execute(insert(transfer).values(**values))


async def get_transfer(connection: AsyncConnection, la_code: str,
                       transfer_id: str) -> TransferRecord | None:
    row = (await connection.execute(select(transfer).where(
        transfer.c.id == transfer_id, transfer.c.la_code == la_code))).mappings().one_or_none()
    return None if row is None else from_row(TransferRecord, row)


async def update_transfer(connection: AsyncConnection, transfer_id: str,
                          values: dict[str, Any]) -> None:
    await connection.execute(update(transfer).where(transfer.c.id == transfer_id).values(**values))


async def transfers_of_plan(connection: AsyncConnection, plan_id: str) -> list[TransferRecord]:
    rows = (await connection.execute(select(transfer).where(transfer.c.plan_id == plan_id)
                                  .order_by(transfer.c.id))).mappings().all()
    return [from_row(TransferRecord, r) for r in rows]


async def phase_pattern_of(connection: AsyncConnection, case_id: str) -> str | None:
    """The phase pattern recorded on the case (R3.6), if any."""
    return await connection.scalar(select(phase_pattern.c.pattern).where(
        phase_pattern.c.case_id == case_id))


async def record_phase_pattern(connection: AsyncConnection, values: dict[str, Any]) -> None:
    """Record (or replace) the case's phase pattern."""
    await connection.execute(delete(phase_pattern).where(
        phase_pattern.c.case_id == values["case_id"]))
    await connection.execute(insert(phase_pattern).values(**values))


async def deadline_kept(connection: AsyncConnection, case_id: str, kind: str, due_on: date) -> bool:
    """Whether the case already has (open or closed) a deadline of `kind` falling on
    `due_on`: each transfer's deadline is opened once."""
    deadline = platform.deadline
    return (await connection.scalar(select(deadline.c.id).where(
        deadline.c.case_id == case_id, deadline.c.kind == kind,
        deadline.c.due_on == due_on).limit(1))) is not None


async def phase_transfers_kept(connection: AsyncConnection, la_code: str,
                               named_by: list[date]) -> set[tuple[str, date]]:
    """The (case, due date) of the LA's phase transfer deadlines falling on any of
    `named_by`, open or closed."""
    deadline = platform.deadline
    rows = await connection.execute(select(deadline.c.case_id, deadline.c.due_on).where(
        deadline.c.la_code == la_code, deadline.c.kind == PHASE_TRANSFER,
        deadline.c.due_on.in_(named_by)))
    return {(r.case_id, r.due_on) for r in rows}


async def maintained_plans_born(connection: AsyncConnection,
                                births: list[tuple[date, date]]) -> list[CohortMember]:
    """Every maintained plan whose child was born in one of the `births` ranges (a transfer
    cohort), with the case's phase pattern and owner, by LA and case."""
    rows = await connection.execute(
        select(plan.c.id.label("plan_id"), case.c.id.label("case_id"), case.c.la_code,
               case.c.date_of_birth, case.c.team, case.c.caseworker_id,
               phase_pattern.c.pattern)
        .join(case, case.c.id == plan.c.case_id)
        .outerjoin(phase_pattern, phase_pattern.c.case_id == case.c.id)
        .where(plan.c.status.in_([s.value for s in MAINTAINED]),
               or_(*[case.c.date_of_birth.between(first, last) for first, last in births]))
        .order_by(case.c.la_code, case.c.id))
    return [CohortMember(**r) for r in rows.mappings()]
