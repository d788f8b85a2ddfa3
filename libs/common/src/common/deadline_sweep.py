"""The deadline sweep (common.deadlines): `DeadlineSweep`, which `DeadlineBook` extends,
emits every stage due by a day, each exactly once, in batches that several loops and
several sweepers share on Postgres (`FOR UPDATE SKIP LOCKED`)."""

from __future__ import annotations

import asyncio
import functools
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Date, Integer, bindparam, func, select, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from common.db.base import PlatformTables
from common.db.direct import DirectStatement
from common.db.engine import dialect_name
from common.db.uow import UnitOfWork
from common.deadline_alerts import (
    AlertSchedule,
    DeadlineApproachingV1,
    DeadlineMissedV1,
    DeadlineOwner,
    _StagePlan,
    _Step,
    approaching_type,
    missed_type,
)
from common.messaging.envelope import subject_for_case

# The deadlines a sweep takes per transaction, and how many loops take batches side by side
# on Postgres once there is more than one to do (measured with bench/sweep.py).
SWEEP_BATCH_SIZE = 2500
SWEEP_WORKERS = 2


class DeadlineSweep:
    """The sweep of a `DeadlineBook` (its fields: the tables, the service, the schedule)."""

    tables: PlatformTables
    service: str
    schedule: AlertSchedule

    async def sweep(self, uow_factory: Callable[[], UnitOfWork], as_of: date,
                    batch_size: int = SWEEP_BATCH_SIZE, workers: int = SWEEP_WORKERS) -> int:
        """Emit every stage due by `as_of`; return how many events were emitted.

        Batches of up to `batch_size` deadlines, each in a unit of work of its own, until a
        batch comes back short. On Postgres, as soon as a batch comes back full, `workers - 1`
        more loops join on connections of their own: `FOR UPDATE SKIP LOCKED` shares the
        rows out between them as between sweeping processes, and one loop's Python work
        runs while another's statements run in the database. A sweep with nothing due is
        one query on one connection. If a batch fails, the other loops stop after the batch
        they are in and the error is raised."""
        stop = asyncio.Event()
        helpers: list[asyncio.Task[int]] = []

        def join() -> None:
            helpers.extend(asyncio.create_task(self._sweep_loop(uow_factory, as_of, batch_size,
                                                                stop))
                           for _ in range(workers - 1))

        try:
            emitted = await self._sweep_loop(uow_factory, as_of, batch_size, stop, join)
            return emitted + sum(await asyncio.gather(*helpers))
        except asyncio.CancelledError:
            for helper in helpers:
                helper.cancel()
            raise
        finally:
            stop.set()
            await asyncio.gather(*helpers, return_exceptions=True)

    async def _sweep_loop(self, uow_factory: Callable[[], UnitOfWork], as_of: date,
                          batch_size: int, stop: asyncio.Event,
                          join: Callable[[], None] | None = None) -> int:
        """Batches until one comes back short or `stop` is set (which a failing batch sets);
        `join` is called (once) when a batch is full."""
        emitted = 0
        try:
            while not stop.is_set():
                async with uow_factory() as uow:
                    count, locked = await self._sweep_batch(uow, as_of, batch_size, join)
                    await uow.commit()
                emitted += count
                if locked < batch_size:
                    break
                join = None
            return emitted
        except BaseException:
            stop.set()
            raise

    async def _sweep_batch(self, uow: UnitOfWork, as_of: date, batch_size: int,
                           on_full: Callable[[], None] | None = None) -> tuple[int, int]:
        """Lock up to `batch_size` due deadlines, move each to its next stage, record the
        (deadline, stage) alerts and emit an event for each alert recorded now; return the
        events emitted and the deadlines locked. `on_full` is called, on Postgres, as soon
        as the batch is known to be full.

        The batch is held as columns (one list per column, and on Postgres one statement per
        step over whole arrays), not as an object per deadline: a batch outlives several
        garbage collections, and every object in it would be traversed by each full
        collection that the batch's own allocations set off."""
        statements = _statements(self.tables)
        postgres = dialect_name(uow.connection) == "postgresql"
        due = await self._lock_due(uow, statements, as_of, batch_size, postgres)
        locked = len(due["id"])
        if on_full is not None and postgres and locked == batch_size:
            on_full()
        plan = _StagePlan(self.schedule, as_of)
        planned = [plan.step(due_on, stage)
                   for due_on, stage in zip(due["due_on"], due["next_stage"], strict=True)]
        steps = [step for step in planned if step is not None]
        if len(steps) < locked:  # no stage due by this schedule (lead times since changed)
            await self._repoint(uow, statements, due, planned, postgres)
            due = {name: [value for value, step in zip(values, planned, strict=True)
                          if step is not None] for name, values in due.items()}
        if not steps:
            return 0, locked
        ids = due["id"]
        event_ids = _event_ids(len(ids))
        await self._move_stages(uow, statements, ids, [step.next_stage for step in steps],
                                [step.next_alert_on for step in steps], postgres)
        fresh = await self._record_alerts(uow, statements, ids, steps, event_ids, postgres)
        owners: dict[tuple[str | None, str | None], DeadlineOwner] = {}
        emitted = 0
        for deadline_id, la_code, case_id, kind, due_on, team, caseworker_id, step, event_id \
                in zip(ids, due["la_code"], due["case_id"], due["kind"], due["due_on"],
                       due["owner_team"], due["owner_caseworker_id"], steps, event_ids,
                       strict=True):
            if deadline_id not in fresh:
                continue
            owner = owners.get((team, caseworker_id))
            if owner is None:
                owner = owners[(team, caseworker_id)] = DeadlineOwner(
                    team=team, caseworker_id=caseworker_id)
            self._emit(uow, step, event_id=event_id, deadline_id=deadline_id, la_code=la_code,
                       case_id=case_id, kind=kind, due_on=due_on, owner=owner)
            emitted += 1
        return emitted, locked

    async def _lock_due(self, uow: UnitOfWork, statements: _Statements, as_of: date,
                        batch_size: int, postgres: bool) -> dict[str, list[Any]]:
        """The due deadlines (`_SWEPT_COLUMNS`, one list each), locked on Postgres."""
        params = {"as_of": as_of, "batch_size": batch_size}
        if postgres:  # one row of arrays (array_agg over the locking subquery)
            arrays = await statements.due_arrays.fetch_one(uow.connection, params) or {}
            return {name: arrays.get(name) or [] for name in _SWEPT_COLUMNS}
        rows = await statements.due.fetch_all(uow.connection, params)
        return {name: [row[name] for row in rows] for name in _SWEPT_COLUMNS}

    async def _repoint(self, uow: UnitOfWork, statements: _Statements,
                       due: dict[str, list[Any]], planned: list[_Step | None],
                       postgres: bool) -> None:
        """Deadlines whose alert day has passed with no stage due under the schedule now in
        force (the lead times changed since they were set): their next stage's alert day
        by that schedule, which is after `as_of` or none, so no sweep takes them again
        until then."""
        ids, stages, alert_ons = [], [], []
        for deadline_id, due_on, stage, step in zip(due["id"], due["due_on"], due["next_stage"],
                                                    planned, strict=True):
            if step is None:
                ids.append(deadline_id)
                stages.append(stage)
                alert_ons.append(self.schedule.alert_on(due_on, stage))
        await self._move_stages(uow, statements, ids, stages, alert_ons, postgres)

    async def _move_stages(self, uow: UnitOfWork, statements: _Statements, ids: list[str],
                           stages: list[int], alert_ons: list[date | None],
                           postgres: bool) -> None:
        if postgres:  # one statement over arrays, not one execution per deadline
            await statements.move_arrays.execute(uow.connection, {
                "ids": ids, "stages": stages, "alert_ons": alert_ons})
        else:
            await statements.move.execute_many(uow.connection, [
                {"row_id": deadline_id, "stage": stage, "alert_on": alert_on}
                for deadline_id, stage, alert_on in zip(ids, stages, alert_ons, strict=True)])

    async def _record_alerts(self, uow: UnitOfWork, statements: _Statements, ids: list[str],
                             steps: list[_Step], event_ids: list[str],
                             postgres: bool) -> set[str]:
        """Insert the (deadline, stage) rows; only those inserted now are emitted. A deadline
        appears once in a batch, so the deadline ids of the rows inserted identify them."""
        now = uow.clock.now()
        if postgres:  # one statement over arrays; the inserted ids come back as one array
            inserted = await statements.record_arrays.fetch_one(uow.connection, {
                "deadline_ids": ids, "stages": [step.stage for step in steps],
                "event_ids": event_ids, "emitted_at": now}) or {}
            return set(inserted.get("deadline_ids") or ())
        # executemany with RETURNING (SQLAlchemy's insertmanyvalues): one cached statement
        result = await uow.connection.execute(statements.record, [
            {"deadline_id": deadline_id, "stage": step.stage, "emitted_at": now,
             "event_id": event_id}
            for deadline_id, step, event_id in zip(ids, steps, event_ids, strict=True)])
        return {r.deadline_id for r in result}

    def _emit(self, uow: UnitOfWork, step: _Step, *, event_id: str, deadline_id: str,
              la_code: str, case_id: str, kind: str, due_on: date,
              owner: DeadlineOwner) -> None:
        event: BaseModel
        if step.missed:
            event = DeadlineMissedV1(
                case_id=case_id, deadline_id=deadline_id, deadline_kind=kind, due_on=due_on,
                days_overdue=-step.days_left, owner=owner)
            event_type = missed_type(self.service)
        else:
            event = DeadlineApproachingV1(
                case_id=case_id, deadline_id=deadline_id, deadline_kind=kind, due_on=due_on,
                days_left=step.days_left, working_days_left=step.working_days_left,
                owner=owner)
            event_type = approaching_type(self.service)
        uow.emit(event_type, event, subject=subject_for_case(case_id), la_code=la_code,
                 event_id=event_id)


_SWEPT_COLUMNS = ("id", "la_code", "case_id", "kind", "due_on", "owner_team",
                  "owner_caseworker_id", "next_stage")


@dataclass(frozen=True)
class _Statements:
    due: DirectStatement            # the due deadlines, a row each (SQLite)
    due_arrays: DirectStatement     # the same, locked, as one row of arrays (Postgres)
    move: DirectStatement           # one deadline to its next stage (SQLite, executemany)
    move_arrays: DirectStatement    # every deadline of the batch to its next stage (Postgres)
    record: Any                     # (deadline, stage) rows, executemany RETURNING (SQLite)
    record_arrays: DirectStatement  # the same from arrays, the inserted ids as one array


@functools.cache
def _statements(tables: PlatformTables) -> _Statements:
    deadline, alert = tables.deadline, tables.deadline_alert
    due = (select(*(deadline.c[name] for name in _SWEPT_COLUMNS))
           .where(deadline.c.next_alert_on.is_not(None),
                  deadline.c.next_alert_on <= bindparam("as_of"))
           .order_by(deadline.c.next_alert_on).limit(bindparam("batch_size", type_=Integer)))
    locked = due.with_for_update(skip_locked=True).subquery("due")
    due_arrays = select(*(func.array_agg(locked.c[name]).label(name)
                          for name in _SWEPT_COLUMNS))
    move = (update(deadline).where(deadline.c.id == bindparam("row_id"))
            .values(next_stage=bindparam("stage"), next_alert_on=bindparam("alert_on")))
    moves = func.unnest(
        bindparam("ids", type_=ARRAY(deadline.c.id.type)),
        bindparam("stages", type_=ARRAY(Integer)),
        bindparam("alert_ons", type_=ARRAY(Date)),
    ).table_valued("id", "stage", "alert_on").render_derived().alias("moves")
    move_arrays = (update(deadline).where(deadline.c.id == moves.c.id)
                   .values(next_stage=moves.c.stage, next_alert_on=moves.c.alert_on))
    record = sqlite_insert(alert).on_conflict_do_nothing().returning(alert.c.deadline_id)
    alerts = func.unnest(
        bindparam("deadline_ids", type_=ARRAY(alert.c.deadline_id.type)),
        bindparam("stages", type_=ARRAY(Integer)),
        bindparam("event_ids", type_=ARRAY(alert.c.event_id.type)),
    ).table_valued("deadline_id", "stage", "event_id").render_derived().alias("alerts")
    inserted = (
        pg_insert(alert)
        .from_select(["deadline_id", "stage", "emitted_at", "event_id"],
                     select(alerts.c.deadline_id, alerts.c.stage,
                            bindparam("emitted_at", type_=alert.c.emitted_at.type),
                            alerts.c.event_id))
        .on_conflict_do_nothing().returning(alert.c.deadline_id).cte("inserted"))
    record_arrays = select(func.array_agg(inserted.c.deadline_id).label("deadline_ids"))
    return _Statements(DirectStatement(due), DirectStatement(due_arrays), DirectStatement(move),
                       DirectStatement(move_arrays), record, DirectStatement(record_arrays))


def _event_ids(count: int) -> list[str]:
    """`count` random (version 4) UUIDs as text, as `str(uuid.uuid4())` makes them, at half
    its cost: one read of the system's random source and no `UUID` object per id."""
    digits = os.urandom(16 * count).hex()
    return [f"{digits[i:i + 8]}-{digits[i + 8:i + 12]}-4{digits[i + 13:i + 16]}-"
            f"{_VARIANT[digits[i + 16]]}{digits[i + 17:i + 20]}-{digits[i + 20:i + 32]}"
            for i in range(0, 32 * count, 32)]


# the RFC 4122 variant: the top two bits of the 17th hex digit are 10
_VARIANT = {f"{n:x}": "89ab"[n & 3] for n in range(16)}

