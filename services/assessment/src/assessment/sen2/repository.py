"""Queries of the SEN2 return: every case of an LA with its requests, plans (and their
latest final version), reviews, exceptions and SEN2 details. Reads only, except the one
upsert of a case's SEN2 details; nothing here commits."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Table, and_, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from assessment.advice.tables import timeline_exception
from assessment.cases.tables import case
from assessment.domain.records import (
    CaseRecord,
    ExceptionRecord,
    PlanRecord,
    RequestRecord,
    ReviewRecord,
    VersionRecord,
    from_row,
)
from assessment.domain.status import VersionStage
from assessment.plans.tables import plan, plan_version
from assessment.requests.tables import assessment_request
from assessment.reviews.tables import review
from assessment.sen2.tables import sen2_detail

R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class DetailRecord:
    case_id: str
    la_code: str
    sen_types: Any
    version: int
    updated_at: datetime
    gender: str | None = None
    ethnicity: str | None = None
    postcode: str | None = None
    upn_unknown: str | None = None


@dataclass
class LaRecords:
    """An LA's records the return reads, each list keyed by case id."""

    cases: list[CaseRecord]
    details: dict[str, DetailRecord]
    requests: dict[str, list[RequestRecord]]
    plans: dict[str, list[PlanRecord]]
    finals: dict[str, VersionRecord]
    reviews: dict[str, list[ReviewRecord]]
    exceptions: dict[str, list[ExceptionRecord]]


async def _rows(connection: AsyncConnection, table: Table, la_code: str, cls: type[R],
                order: Any) -> dict[str, list[R]]:
    by_case: dict[str, list[R]] = defaultdict(list)
    rows = (await connection.execute(select(table).where(table.c.la_code == la_code)
                                  .order_by(order))).mappings().all()
    for row in rows:
        by_case[row["case_id"]].append(from_row(cls, row))
    return by_case


async def latest_finals(connection: AsyncConnection, la_code: str) -> dict[str, VersionRecord]:
    """Each plan's latest final version (its section I, direct payment)."""
    latest = (select(plan_version.c.plan_id, func.max(plan_version.c.number).label("number"))
              .join(plan, plan.c.id == plan_version.c.plan_id)
              .where(plan.c.la_code == la_code,
                     plan_version.c.stage == VersionStage.FINAL.value)
              .group_by(plan_version.c.plan_id).subquery())
    rows = (await connection.execute(select(plan_version).join(latest, and_(
        latest.c.plan_id == plan_version.c.plan_id,
        latest.c.number == plan_version.c.number)))).mappings().all()
    return {r["plan_id"]: from_row(VersionRecord, r) for r in rows}


async def la_records(connection: AsyncConnection, la_code: str) -> LaRecords:
    cases = (await connection.execute(select(case).where(case.c.la_code == la_code)
                                   .order_by(case.c.id))).mappings().all()
    details = (await connection.execute(select(sen2_detail).where(
        sen2_detail.c.la_code == la_code))).mappings().all()
    return LaRecords(
        cases=[from_row(CaseRecord, c) for c in cases],
        details={d["case_id"]: from_row(DetailRecord, d) for d in details},
        requests=await _rows(connection, assessment_request, la_code, RequestRecord,
                             assessment_request.c.received_on),
        plans=await _rows(connection, plan, la_code, PlanRecord, plan.c.created_at),
        finals=await latest_finals(connection, la_code),
        reviews=await _rows(connection, review, la_code, ReviewRecord, review.c.created_at),
        exceptions=await _rows(connection, timeline_exception, la_code, ExceptionRecord,
                               timeline_exception.c.created_at))


async def detail_of(connection: AsyncConnection, case_id: str, *,
                    for_update: bool = False) -> DetailRecord | None:
    query = select(sen2_detail).where(sen2_detail.c.case_id == case_id)
    row = (await connection.execute(query.with_for_update() if for_update else query)
           ).mappings().one_or_none()
    return None if row is None else from_row(DetailRecord, row)


async def save_detail(connection: AsyncConnection, values: dict[str, Any], exists: bool) -> None:
    if exists:
        await connection.execute(update(sen2_detail).where(
            sen2_detail.c.case_id == values["case_id"]).values(**values))
    else:
        await connection.execute(insert(sen2_detail).values(**values))
