"""Queries of proposals to cease a plan. Tenancy (the LA code, through the plan) is part of
every lookup by id; nothing here commits."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from assessment.ceasing.tables import cease_proposal
from assessment.domain.records import CeaseProposalRecord, from_row
from assessment.plans.tables import plan


async def add_proposal(session: AsyncSession, values: dict[str, Any]) -> None:
    await session.execute(insert(cease_proposal).values(**values))


async def get_proposal(session: AsyncSession, la_code: str,
                       proposal_id: str) -> CeaseProposalRecord | None:
    row = (await session.execute(select(cease_proposal)
                                 .join(plan, plan.c.id == cease_proposal.c.plan_id)
                                 .where(cease_proposal.c.id == proposal_id,
                                        plan.c.la_code == la_code))).mappings().one_or_none()
    return None if row is None else from_row(CeaseProposalRecord, row)


async def update_proposal(session: AsyncSession, proposal_id: str,
                          values: dict[str, Any]) -> None:
    await session.execute(update(cease_proposal).where(cease_proposal.c.id == proposal_id)
                          .values(**values))
