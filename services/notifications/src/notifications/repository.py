"""Queries on deliveries: planning, the worker's queue, the log, the inbox, replays and
reports. No commits."""

from __future__ import annotations

import time
import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from common.db.engine import dialect_name
from notifications.tables import delivery

if TYPE_CHECKING:
    from common.db.uow import UnitOfWork
    from notifications.recipients import Target
    from notifications.templates import RenderedMessage

Row = Mapping[Any, Any]
UNDELIVERED = ("pending", "retrying")
_seq = {"last": 0}


def next_seq() -> int:
    """Creation order: wall time in ns, strictly increasing within the process."""
    value = max(time.time_ns(), _seq["last"] + 1)
    _seq["last"] = value
    return value


async def add_delivery(session: AsyncSession, values: dict[str, Any]) -> bool:
    """Insert unless (event, recipient, channel) already has a delivery; True if inserted."""
    insert_ = pg_insert if dialect_name(session) == "postgresql" else sqlite_insert
    result = await session.execute(insert_(delivery).values(**values).on_conflict_do_nothing(
        index_elements=[delivery.c.event_id, delivery.c.recipient, delivery.c.channel]))
    return bool(result.rowcount)  # type: ignore[attr-defined]


def delivery_values(uow: UnitOfWork, *, la_code: str, case_id: str | None, event_id: str,
                    event_type: str, target: Target, message: RenderedMessage,
                    status: str = "pending", last_error: str | None = None) -> dict[str, Any]:
    now = uow.clock.now()
    final = status in ("sent", "failed", "suppressed")
    return {
        "id": str(uuid.uuid4()), "la_code": la_code, "case_id": case_id, "event_id": event_id,
        "event_type": event_type, "audience": target.audience, "channel": target.channel,
        "recipient": target.address, "subject": message.subject, "body": message.text,
        "status": status, "attempts": 0, "last_error": last_error,
        "next_attempt_at": None if final else now, "created_at": now,
        "sent_at": now if status == "sent" else None, "endpoint_id": target.endpoint_id,
        "seq": next_seq()}


async def due_deliveries(session: AsyncSession, now: datetime, limit: int) -> list[Row]:
    """The due queue in creation order, unlocked: each attempt claims its own row."""
    query = (select(delivery).where(delivery.c.status.in_(UNDELIVERED),
                                    delivery.c.next_attempt_at <= now)
             .order_by(delivery.c.seq).limit(limit))
    return list((await session.execute(query)).mappings().all())


async def claim(session: AsyncSession, delivery_id: str, now: datetime) -> Row | None:
    """The delivery, locked for this transaction, if it is still due and nobody holds it."""
    query = select(delivery).where(delivery.c.id == delivery_id,
                                   delivery.c.status.in_(UNDELIVERED),
                                   delivery.c.next_attempt_at <= now)
    if dialect_name(session) == "postgresql":
        query = query.with_for_update(skip_locked=True)
    return (await session.execute(query)).mappings().one_or_none()


async def endpoint_blocked(session: AsyncSession, endpoint_id: str, seq: int) -> bool:
    """True when an earlier delivery to the endpoint is still undelivered (ordering)."""
    return bool(await session.scalar(select(func.count()).select_from(delivery).where(
        delivery.c.endpoint_id == endpoint_id, delivery.c.seq < seq,
        delivery.c.status.in_(UNDELIVERED))))


async def record_attempt(session: AsyncSession, delivery_id: str, values: dict[str, Any]) -> None:
    await session.execute(update(delivery).where(delivery.c.id == delivery_id)
                          .values(attempts=delivery.c.attempts + 1, **values))


async def get(session: AsyncSession, delivery_id: str) -> Row | None:
    return (await session.execute(select(delivery).where(delivery.c.id == delivery_id))
            ).mappings().one_or_none()


async def count(session: AsyncSession, conditions: Sequence[Any]) -> int:
    return int(await session.scalar(
        select(func.count()).select_from(delivery).where(*conditions)) or 0)


async def page(session: AsyncSession, conditions: Sequence[Any], limit: int,
               offset: int) -> tuple[list[Row], int]:
    total = await count(session, conditions)
    rows = (await session.execute(select(delivery).where(*conditions)
                                  .order_by(delivery.c.seq, delivery.c.id)
                                  .limit(limit).offset(offset))).mappings().all()
    return list(rows), total


def log_filter(la_code: str, *, case_id: str | None = None, audience: str | None = None,
               channel: str | None = None, status: str | None = None,
               endpoint_id: str | None = None, case_ids: Sequence[str] | None = None,
               ) -> list[Any]:
    conditions = [delivery.c.la_code == la_code]
    for column, value in ((delivery.c.case_id, case_id), (delivery.c.audience, audience),
                          (delivery.c.channel, channel), (delivery.c.status, status),
                          (delivery.c.endpoint_id, endpoint_id)):
        if value:
            conditions.append(column == value)
    if case_ids is not None:
        conditions.append(delivery.c.case_id.in_(list(case_ids)))
    return conditions


def inbox_filter(la_code: str, caseworker_id: str, unread_only: bool) -> list[Any]:
    conditions = [delivery.c.la_code == la_code, delivery.c.channel == "in_app",
                  delivery.c.recipient == caseworker_id]
    if unread_only:
        conditions.append(delivery.c.read_at.is_(None))
    return conditions


async def set_read(session: AsyncSession, delivery_id: str, read_at: datetime | None) -> None:
    await session.execute(update(delivery).where(delivery.c.id == delivery_id)
                          .values(read_at=read_at))


async def replay(session: AsyncSession, conditions: Sequence[Any], now: datetime) -> int:
    """Queue finished deliveries again (same id, so receivers can de-duplicate)."""
    result = await session.execute(
        update(delivery).where(*conditions, delivery.c.status.not_in(UNDELIVERED))
        .values(status="pending", attempts=0, next_attempt_at=now, last_error=None,
                replays=delivery.c.replays + 1))
    return int(result.rowcount)  # type: ignore[attr-defined]


async def counts_by_channel(session: AsyncSession, la_code: str | None) -> list[Row]:
    query = select(delivery.c.channel, delivery.c.status, func.count().label("n")) \
        .group_by(delivery.c.channel, delivery.c.status)
    if la_code:
        query = query.where(delivery.c.la_code == la_code)
    return list((await session.execute(query)).mappings().all())


async def oldest_undelivered(session: AsyncSession, la_code: str | None) -> datetime | None:
    query = (select(delivery.c.created_at).where(delivery.c.status.in_(UNDELIVERED))
             .order_by(delivery.c.created_at).limit(1))
    if la_code:
        query = query.where(delivery.c.la_code == la_code)
    value: datetime | None = await session.scalar(query)
    return value


async def endpoint_counts(session: AsyncSession, endpoint_ids: Sequence[str]) -> list[Row]:
    if not endpoint_ids:
        return []
    return list((await session.execute(
        select(delivery.c.endpoint_id, delivery.c.status, func.count().label("n"))
        .where(delivery.c.endpoint_id.in_(list(endpoint_ids)))
        .group_by(delivery.c.endpoint_id, delivery.c.status))).mappings().all())
