"""Queries of proposals to cease a plan. Tenancy (the LA code, through the plan) is part of
every lookup by id; nothing here commits."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from assessment.ceasing.tables import cease_proposal
from assessment.domain.records import CeaseProposalRecord, from_row
from assessment.plans.tables import plan


async def add_proposal(connection: AsyncConnection, values: dict[str, Any]) -> None:
    await connection.execute(insert(cease_proposal).values(**values))


async def get_proposal(connection: AsyncConnection, la_code: str,
                       proposal_id: str) -> CeaseProposalRecord | None:
    row = (await connection.execute(select(cease_proposal)
                                 .join(plan, plan.c.id == cease_proposal.c.plan_id)
                                 .where(cease_proposal.c.id == proposal_id,
                                        plan.c.la_code == la_code))).mappings().one_or_none()
    return None if row is None else from_row(CeaseProposalRecord, row)


async def update_proposal(connection: AsyncConnection, proposal_id: str,
                          values: dict[str, Any]) -> None:
    await connection.execute(update(cease_proposal).where(cease_proposal.c.id == proposal_id)
                          .values(**values))
