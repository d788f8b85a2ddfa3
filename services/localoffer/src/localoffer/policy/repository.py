"""Queries of the personal budget policy feature; never commits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, insert, select

from localoffer.policy.tables import budget_policy

Executor = Any  # the unit of work's session or connection


@dataclass(frozen=True)
class PolicyRecord:
    la_code: str
    policy_id: str
    version: int
    published_on: date
    summary: str
    url: str | None


async def current(db: Executor, la_code: str) -> PolicyRecord | None:
    c = budget_policy.c
    row = (await db.execute(select(c.la_code, c.policy_id, c.version, c.published_on,
                                   c.summary, c.url).where(c.la_code == la_code))
           ).one_or_none()
    return PolicyRecord(*row) if row is not None else None


async def replace(db: Executor, record: PolicyRecord, event_id: str, at: datetime) -> None:
    await db.execute(delete(budget_policy).where(budget_policy.c.la_code == record.la_code))
    await db.execute(insert(budget_policy).values(**record.__dict__, event_id=event_id,
                                                  received_at=at))
