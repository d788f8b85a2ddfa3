"""Queries of reviews. Tenancy (the LA code) is part of every lookup by id; nothing here
commits or locks."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from assessment.domain.model import ReviewOutcome
from assessment.domain.records import ReviewRecord, from_row
from assessment.reviews.tables import review


async def add_review(connection: AsyncConnection, values: dict[str, Any]) -> None:
    await connection.execute(insert(review).values(**values))


async def get_review(connection: AsyncConnection,
                     la_code: str, review_id: str) -> ReviewRecord | None:
    row = (await connection.execute(select(review).where(
        review.c.id == review_id, review.c.la_code == la_code))).mappings().one_or_none()
    return None if row is None else from_row(ReviewRecord, row)


async def update_review(connection: AsyncConnection,
                        review_id: str, values: dict[str, Any]) -> None:
    await connection.execute(update(review).where(review.c.id == review_id).values(**values))


async def reviews_of_plan(connection: AsyncConnection, plan_id: str) -> list[ReviewRecord]:
    rows = (await connection.execute(select(review).where(review.c.plan_id == plan_id)
                                  .order_by(review.c.created_at))).mappings().all()
    return [from_row(ReviewRecord, r) for r in rows]


async def last_amend_meeting(connection: AsyncConnection, plan_id: str) -> date | None:
    """The meeting of the plan's latest review that decided to amend it (R3.5)."""
    meetings = [r.meeting_on for r in await reviews_of_plan(connection, plan_id)
                if r.meeting_on and r.outcome == ReviewOutcome.AMEND]
    return meetings[-1] if meetings else None
