"""Every query of the eligibility read model."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update

from budgets.domain.enums import PlanStage
from budgets.domain.records import PlanCase
from budgets.eligibility.tables import plan_case


def _record(row: Any) -> PlanCase:
    return PlanCase(row.case_id, row.la_code, PlanStage(row.stage), row.plan_id,
                    row.plan_issued_on, row.next_review_due_on, row.stage_since)


async def get(conn: Any, case_id: str, *, for_update: bool = False) -> PlanCase | None:
    query = select(plan_case).where(plan_case.c.case_id == case_id)
    if for_update:
        query = query.with_for_update()
    row = (await conn.execute(query)).one_or_none()
    return _record(row) if row is not None else None


async def add(conn: Any, case_id: str, la_code: str, values: dict[str, Any],
              now: datetime) -> None:
    await conn.execute(insert(plan_case).values(case_id=case_id, la_code=la_code,
                                                updated_at=now, **values))


async def set_values(conn: Any, case_id: str, values: dict[str, Any]) -> None:
    await conn.execute(update(plan_case).where(plan_case.c.case_id == case_id).values(**values))
