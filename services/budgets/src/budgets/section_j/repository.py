"""Every query of Section J revisions."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, insert, select

from budgets.domain.records import SectionJRevision
from budgets.section_j.tables import section_j


async def next_revision(conn: Any, budget_id: str) -> int:
    latest = await conn.scalar(select(func.max(section_j.c.revision)).where(
        section_j.c.budget_id == budget_id))
    return int(latest or 0) + 1


async def add(conn: Any, values: dict[str, Any]) -> None:
    await conn.execute(insert(section_j).values(**values))


async def latest(conn: Any, budget_id: str) -> SectionJRevision | None:
    row = (await conn.execute(select(section_j).where(section_j.c.budget_id == budget_id)
                              .order_by(section_j.c.revision.desc()).limit(1))).one_or_none()
    if row is None:
        return None
    return SectionJRevision(row.budget_id, row.case_id, row.plan_id, row.revision, row.content,
                            row.prepared_on)
