"""Every query of the mediation service; tenancy in every lookup; no commits."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from mediation.tables import mediation_case

Row = Mapping[str, Any]


async def by_decision(session: AsyncSession, decision_id: str) -> Row | None:
    return (await session.execute(select(mediation_case).where(
        mediation_case.c.decision_id == decision_id))).mappings().one_or_none()


async def insert_case(session: AsyncSession, values: dict[str, Any]) -> None:
    await session.execute(insert(mediation_case).values(**values))


async def get(session: AsyncSession, la_code: str, mediation_case_id: str) -> Row | None:
    return (await session.execute(select(mediation_case).where(
        mediation_case.c.id == mediation_case_id, mediation_case.c.la_code == la_code))
    ).mappings().one_or_none()


async def page(session: AsyncSession, la_code: str, case_ids: frozenset[str] | None,
               case_id: str | None, limit: int, offset: int) -> tuple[list[Row], int]:
    conditions = [mediation_case.c.la_code == la_code]
    if case_id:
        conditions.append(mediation_case.c.case_id == case_id)
    if case_ids is not None:
        conditions.append(mediation_case.c.case_id.in_(sorted(case_ids)))
    total = await session.scalar(select(func.count()).select_from(mediation_case)
                                 .where(*conditions))
    rows = (await session.execute(select(mediation_case).where(*conditions)
                                  .order_by(mediation_case.c.opened_at, mediation_case.c.id)
                                  .limit(limit).offset(offset))).mappings().all()
    return list(rows), int(total or 0)
