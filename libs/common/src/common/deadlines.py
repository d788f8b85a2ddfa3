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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel
from sqlalchemy import and_, bindparam, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from common import calendar
from common.db.base import PlatformTables
from common.db.direct import insert_into
from common.db.engine import dialect_name
from common.db.uow import UnitOfWork
from common.messaging.envelope import subject_for_case

OPEN = "open"
CLOSED = "closed"


class DeadlineOwner(BaseModel):
    team: str | None = None
    caseworker_id: str | None = None


class DeadlineApproachingV1(BaseModel):
    case_id: str
    deadline_id: str
    deadline_kind: str
    due_on: date
    days_left: int
    working_days_left: int
    owner: DeadlineOwner


class DeadlineMissedV1(BaseModel):
    case_id: str
    deadline_id: str
    deadline_kind: str
    due_on: date
    days_overdue: int
    owner: DeadlineOwner


def approaching_type(service: str) -> str:
    return f"send.{service}.deadline.approaching.v1"


def missed_type(service: str) -> str:
    return f"send.{service}.deadline.missed.v1"


@dataclass(frozen=True)
class AlertSchedule:
    """When each stage of a deadline falls due (pure)."""

    lead_working_days: Sequence[int] = (10, 2)

    @property
    def missed_stage(self) -> int:
        return len(self.lead_working_days)

    def alert_on(self, due_on: date, stage: int) -> date | None:
        leads = sorted(self.lead_working_days, reverse=True)
        if stage < len(leads):
            return calendar.add_working_days(due_on, -leads[stage])
        if stage == len(leads):
            return calendar.add_days(due_on, 1)
        return None

    def first_stage(self, due_on: date, opened_on: date) -> int:
        """Skip lead-time stages that had already passed when the deadline was opened."""
        stage = 0
        while stage < self.missed_stage and (
                (self.alert_on(due_on, stage + 1) or due_on) <= opened_on):
            stage += 1
        return stage

    def latest_stage_due(self, due_on: date, from_stage: int, as_of: date) -> int | None:
        """The last stage at or after `from_stage` whose alert day is on or before `as_of`."""
        latest = None
        for stage in range(from_stage, self.missed_stage + 1):
            alert_on = self.alert_on(due_on, stage)
            if alert_on is not None and alert_on <= as_of:
                latest = stage
        return latest


@dataclass
class DeadlineBook:
    tables: PlatformTables
    service: str
    schedule: AlertSchedule = AlertSchedule()

    async def open(self, uow: UnitOfWork, *, la_code: str, case_id: str, kind: str,
                   due_on: date, opened_on: date, ref_id: str | None = None,
                   owner: DeadlineOwner | None = None) -> str:
        owner = owner or DeadlineOwner()
        deadline_id = str(uuid.uuid4())
        stage = self.schedule.first_stage(due_on, opened_on)
        await insert_into(self.tables.deadline).execute(uow.session, {
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
        result = await uow.session.execute(update(table).where(and_(*conditions)).values(
            status=CLOSED, closed_on=closed_on, next_alert_on=None))
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    async def sweep(self, uow_factory: Callable[[], UnitOfWork], as_of: date,
                    batch_size: int = 5000) -> int:
        """Emit every stage due by `as_of`; return how many events were emitted."""
        emitted = 0
        while True:
            async with uow_factory() as uow:
                count, batch_len = await self._sweep_batch(uow, as_of, batch_size)
                await uow.commit()
            emitted += count
            if batch_len < batch_size:
                return emitted

    async def _sweep_batch(self, uow: UnitOfWork, as_of: date, batch_size: int) -> tuple[int, int]:
        table = self.tables.deadline
        query = (select(table).where(table.c.next_alert_on.is_not(None),
                                     table.c.next_alert_on <= as_of)
                 .order_by(table.c.next_alert_on).limit(batch_size))
        if dialect_name(uow.session) == "postgresql":
            query = query.with_for_update(skip_locked=True)
        rows = (await uow.session.execute(query)).mappings().all()
        alerts, moves = [], []
        for row in rows:
            stage = self.schedule.latest_stage_due(row["due_on"], row["next_stage"], as_of)
            if stage is None:
                continue
            alerts.append((row, stage))
            moves.append({"row_id": row["id"], "stage": stage + 1,
                          "alert_on": self.schedule.alert_on(row["due_on"], stage + 1)})
        if moves:
            await uow.session.execute(
                update(table).where(table.c.id == bindparam("row_id"))
                .values(next_stage=bindparam("stage"), next_alert_on=bindparam("alert_on")),
                moves)
        fresh = await self._record_alerts(uow, alerts)
        for row, stage in alerts:
            if (row["id"], stage) in fresh:
                self._emit(uow, row, stage, as_of, fresh[(row["id"], stage)])
        return len(fresh), len(rows)

    async def _record_alerts(self, uow: UnitOfWork, alerts: list[tuple[Any, int]]
                             ) -> dict[tuple[str, int], str]:
        """Insert the (deadline, stage) rows; only those inserted now are emitted."""
        if not alerts:
            return {}
        table = self.tables.deadline_alert
        insert_ = pg_insert if dialect_name(uow.session) == "postgresql" else sqlite_insert
        now = uow.clock.now()
        values = [{"deadline_id": row["id"], "stage": stage, "emitted_at": now,
                   "event_id": str(uuid.uuid4())} for row, stage in alerts]
        # executemany with RETURNING (SQLAlchemy's insertmanyvalues): one cached statement,
        # where `.values(values)` compiled a fresh 4-params-per-row statement every batch
        inserted = await uow.session.execute(
            insert_(table).on_conflict_do_nothing()
            .returning(table.c.deadline_id, table.c.stage, table.c.event_id), values)
        return {(r.deadline_id, r.stage): r.event_id for r in inserted}

    def _emit(self, uow: UnitOfWork, row: Any, stage: int, as_of: date,
              alert_event_id: str) -> None:
        owner = DeadlineOwner(team=row["owner_team"], caseworker_id=row["owner_caseworker_id"])
        common = {"case_id": row["case_id"], "deadline_id": row["id"],
                  "deadline_kind": row["kind"], "due_on": row["due_on"], "owner": owner}
        if stage >= self.schedule.missed_stage:
            event: BaseModel = DeadlineMissedV1(
                **common, days_overdue=(as_of - row["due_on"]).days)
            event_type = missed_type(self.service)
        else:
            event = DeadlineApproachingV1(
                **common, days_left=(row["due_on"] - as_of).days,
                working_days_left=calendar.working_days_between(as_of, row["due_on"]))
            event_type = approaching_type(self.service)
        uow.emit(event_type, event, subject=subject_for_case(row["case_id"]),
                 la_code=row["la_code"], event_id=alert_event_id)

    async def open_count_due_within(self, uow: UnitOfWork, as_of: date, days: int) -> int:
        table = self.tables.deadline
        return int(await uow.session.scalar(select(func.count()).where(
            table.c.status == OPEN, table.c.due_on <= calendar.add_days(as_of, days))) or 0)
