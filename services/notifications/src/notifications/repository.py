"""Every query of the notifications service; no commits."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from notifications.tables import delivery

Row = Mapping[str, Any]


async def add_delivery(session: AsyncSession, values: dict[str, Any]) -> bool:
    """Insert unless (event, recipient, channel) already has a delivery; True if inserted."""
    insert_ = pg_insert if session.bind.dialect.name == "postgresql" else sqlite_insert
    result = await session.execute(insert_(delivery).values(**values).on_conflict_do_nothing(
        index_elements=[delivery.c.event_id, delivery.c.recipient, delivery.c.channel]))
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def due_deliveries(session: AsyncSession, now: datetime, limit: int) -> list[Row]:
    query = (select(delivery).where(delivery.c.status.in_(("pending", "retrying")),
                                    delivery.c.next_attempt_at <= now)
             .order_by(delivery.c.next_attempt_at, delivery.c.created_at).limit(limit))
    if session.bind.dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    return list((await session.execute(query)).mappings().all())


async def record_attempt(session: AsyncSession, delivery_id: str, values: dict[str, Any]) -> None:
    await session.execute(update(delivery).where(delivery.c.id == delivery_id)
                          .values(attempts=delivery.c.attempts + 1, **values))


async def deliveries_of_case(session: AsyncSession, la_code: str, case_id: str | None,
                             limit: int, offset: int) -> tuple[list[Row], int]:
    conditions = [delivery.c.la_code == la_code]
    if case_id:
        conditions.append(delivery.c.case_id == case_id)
    total = await session.scalar(select(func.count()).select_from(delivery).where(*conditions))
    rows = (await session.execute(select(delivery).where(*conditions)
                                  .order_by(delivery.c.created_at, delivery.c.id)
                                  .limit(limit).offset(offset))).mappings().all()
    return list(rows), int(total or 0)
