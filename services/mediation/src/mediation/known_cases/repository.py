"""Storage of the known cases."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from .tables import known_case


async def la_of(connection: AsyncConnection, case_id: str) -> str | None:
    return await connection.scalar(select(known_case.c.la_code).where(
        known_case.c.case_id == case_id))


async def remember(connection: AsyncConnection, case_id: str, la_code: str, seen_at: datetime
                   ) -> None:
    """Record that `case_id` belongs to `la_code` (the LA of the latest event about it: a
    case moved to another LA follows it)."""
    known = await la_of(connection, case_id)
    if known is None:
        await connection.execute(insert(known_case).values(
            case_id=case_id, la_code=la_code, seen_at=seen_at))
    elif known != la_code:
        await connection.execute(update(known_case).where(known_case.c.case_id == case_id)
                              .values(la_code=la_code, seen_at=seen_at))
