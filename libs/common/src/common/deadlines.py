"""Deadlines are data (ARCHITECTURE.md invariant 7).

Each service stores the statutory deadlines it owns in its `deadline` table. A sweep emits
`send.<service>.deadline.approaching.v1` at each lead time (working days before `due_on`)
and `send.<service>.deadline.missed.v1` the day after `due_on`, each exactly once per
deadline and stage: the `deadline_alert` primary key makes a second emission impossible,
and `FOR UPDATE SKIP LOCKED` lets several sweepers share the work on Postgres.

Stages are numbered 0..n-1 for the n lead times (largest first), n for "missed". Each open
deadline carries `next_stage` and `next_alert_on`, the day that stage falls due, so a sweep
with nothing to emit is one index probe."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func, select, update

from common import calendar
from common.db.base import PlatformTables
from common.db.held_inserts import hold_insert
from common.db.uow import UnitOfWork
from common.deadline_alerts import AlertSchedule, DeadlineOwner
from common.deadline_sweep import DeadlineSweep

OPEN = "open"
CLOSED = "closed"


@dataclass
class DeadlineBook(DeadlineSweep):
    tables: PlatformTables
    service: str
    schedule: AlertSchedule = AlertSchedule()

    async def open(self, uow: UnitOfWork, *, la_code: str, case_id: str, kind: str,
                   due_on: date, opened_on: date, ref_id: str | None = None,
                   owner: DeadlineOwner | None = None) -> str:
        owner = owner or DeadlineOwner()
        deadline_id = str(uuid.uuid4())
        stage = self.schedule.first_stage(due_on, opened_on)
        hold_insert(uow.connection, self.tables.deadline, {
            "id": deadline_id, "la_code": la_code, "case_id": case_id, "kind": kind,
            "ref_id": ref_id, "due_on": due_on, "status": OPEN, "owner_team": owner.team,
            "owner_caseworker_id": owner.caseworker_id, "next_stage": stage,
            "next_alert_on": self.schedule.alert_on(due_on, stage),
            "created_at": uow.clock.now()})
        return deadline_id

    async def close(self, uow: UnitOfWork, *, case_id: str, kind: str, closed_on: date,
                    ref_id: str | None = None) -> int:
        """Close the open deadlines of `kind` on the case (and `ref_id`): the step is done."""
        table = self.tables.deadline
        conditions = [table.c.case_id == case_id, table.c.kind == kind, table.c.status == OPEN]
        if ref_id is not None:
            conditions.append(table.c.ref_id == ref_id)
        result = await uow.connection.execute(update(table).where(and_(*conditions)).values(
            status=CLOSED, closed_on=closed_on, next_alert_on=None))
        return int(result.rowcount or 0)

    async def any_due(self, uow_factory: Callable[[], UnitOfWork], as_of: date) -> bool:
        """Whether a stage is still due by `as_of` (without `SKIP LOCKED`: rows another
        sweeper holds count): after a sweep, such rows were skipped, not done."""
        table = self.tables.deadline
        async with uow_factory() as uow:
            due = await uow.connection.scalar(select(table.c.id).where(
                table.c.next_alert_on.is_not(None),
                table.c.next_alert_on <= as_of).limit(1))
        return due is not None

    async def open_count_due_within(self, uow: UnitOfWork, as_of: date, days: int) -> int:
        table = self.tables.deadline
        return int(await uow.connection.scalar(select(func.count()).where(
            table.c.status == OPEN, table.c.due_on <= calendar.add_days(as_of, days))) or 0)
