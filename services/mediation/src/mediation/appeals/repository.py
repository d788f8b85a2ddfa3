"""Queries of appeals, Tribunal orders and compliance steps; tenancy in every lookup; typed
records; no commits."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import and_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from mediation import db
from mediation.cases.tables import mediation_case
from mediation.domain.enums import DecisionKind, StepSource
from mediation.domain.records import AppealRecord, OrderRecord, StepRecord

from .tables import appeal, compliance_step, tribunal_order


async def add(connection: AsyncConnection, table_record: AppealRecord | OrderRecord | StepRecord,
              ) -> None:
    table = {AppealRecord: appeal, OrderRecord: tribunal_order,
             StepRecord: compliance_step}[type(table_record)]
    await db.insert_record(connection, table, table_record)


async def get_appeal(connection: AsyncConnection,
                     la_code: str, appeal_id: str) -> AppealRecord | None:
    return await db.get_row(AppealRecord, connection, appeal, la_code, appeal_id)


async def appeals_of(connection: AsyncConnection, mediation_case_id: str) -> list[AppealRecord]:
    return await db.rows_of_case(AppealRecord, connection, appeal, mediation_case_id)


async def get_step(connection: AsyncConnection, la_code: str, step_id: str) -> StepRecord | None:
    return await db.get_row(StepRecord, connection, compliance_step, la_code, step_id)


async def steps_of(connection: AsyncConnection, mediation_case_id: str) -> list[StepRecord]:
    return await db.rows_of_case(StepRecord, connection, compliance_step, mediation_case_id)


async def save_step(connection: AsyncConnection, step: StepRecord) -> None:
    await connection.execute(update(compliance_step).where(compliance_step.c.id == step.id)
                          .values(**db.values_of(step)))


async def open_order_steps(connection: AsyncConnection, la_code: str, case_id: str,
                           kinds: Iterable[str], done_on: date,
                           ) -> list[tuple[StepRecord, DecisionKind]]:
    """Open order steps of `case_id` of `kinds`, from orders dated on or before `done_on`,
    each with the decision kind the order was about."""
    s, o, a, m = compliance_step.c, tribunal_order.c, appeal.c, mediation_case.c
    rows = (await connection.execute(
        select(compliance_step, m.decision_kind.label("order_decision_kind"))
        .join(tribunal_order, and_(s.source_id == o.id, s.source == StepSource.TRIBUNAL_ORDER))
        .join(appeal, a.id == o.appeal_id)
        .join(mediation_case, m.id == a.mediation_case_id)
        .where(s.la_code == la_code, s.case_id == case_id, s.done_on.is_(None),
               s.kind.in_(list(kinds)), o.from_on <= done_on)
        .order_by(s.due_on, s.id))).mappings().all()
    return [(db.to_record(StepRecord, row), DecisionKind(row["order_decision_kind"]))
            for row in rows]


async def open_steps_of_order(connection: AsyncConnection, order_id: str,
                              kind: str) -> list[StepRecord]:
    s = compliance_step.c
    return db.every(StepRecord, await connection.execute(select(compliance_step).where(
        s.source_id == order_id, s.source == StepSource.TRIBUNAL_ORDER, s.kind == kind,
        s.done_on.is_(None))))


async def get_order(connection: AsyncConnection, la_code: str, order_id: str) -> OrderRecord | None:
    return await db.get_row(OrderRecord, connection, tribunal_order, la_code, order_id)


async def steps_of_order(connection: AsyncConnection,
                         la_code: str, order_id: str) -> list[StepRecord]:
    s = compliance_step.c
    return db.every(StepRecord, await connection.execute(select(compliance_step).where(
        s.la_code == la_code, s.source_id == order_id).order_by(s.due_on, s.id)))
