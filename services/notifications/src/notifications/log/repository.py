"""Reads of the delivery log, the caseworker inbox and the delivery report; every query is
within one LA (the metrics snapshot alone spans them). No commits, no row locks."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from notifications.delivery.tables import delivery
from notifications.domain.enums import IN_FLIGHT, Channel
from notifications.domain.records import Delivery


async def count(connection: AsyncConnection, conditions: Sequence[Any]) -> int:
    return int(await connection.scalar(
        select(func.count()).select_from(delivery).where(*conditions)) or 0)


async def page(connection: AsyncConnection, conditions: Sequence[Any], limit: int,
               offset: int) -> tuple[list[Delivery], int]:
    total = await count(connection, conditions)
    rows = (await connection.execute(select(delivery).where(*conditions)
                                  .order_by(delivery.c.seq, delivery.c.id)
                                  .limit(limit).offset(offset))).mappings().all()
    return [Delivery.from_row(r) for r in rows], total


async def get_in_la(connection: AsyncConnection, la_code: str, delivery_id: str) -> Delivery | None:
    row = (await connection.execute(select(delivery).where(
        delivery.c.id == delivery_id, delivery.c.la_code == la_code))).mappings().one_or_none()
    return Delivery.from_row(row) if row is not None else None


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
    conditions = [delivery.c.la_code == la_code, delivery.c.channel == Channel.IN_APP.value,
                  delivery.c.recipient == caseworker_id]
    if unread_only:
        conditions.append(delivery.c.read_at.is_(None))
    return conditions


async def set_read(connection: AsyncConnection, delivery_id: str, read_at: datetime | None) -> None:
    await connection.execute(update(delivery).where(delivery.c.id == delivery_id)
                          .values(read_at=read_at))


async def counts_by_channel(connection: AsyncConnection,
                            la_code: str | None) -> list[tuple[str, str, int]]:
    query = select(delivery.c.channel, delivery.c.status, func.count()) \
        .group_by(delivery.c.channel, delivery.c.status)
    if la_code:
        query = query.where(delivery.c.la_code == la_code)
    return [(c, s, int(n)) for c, s, n in (await connection.execute(query)).all()]


async def oldest_undelivered(connection: AsyncConnection, la_code: str | None) -> datetime | None:
    query = (select(delivery.c.created_at)
             .where(delivery.c.status.in_([s.value for s in IN_FLIGHT]))
             .order_by(delivery.c.created_at).limit(1))
    if la_code:
        query = query.where(delivery.c.la_code == la_code)
    value: datetime | None = await connection.scalar(query)
    return value


async def endpoint_counts(connection: AsyncConnection,
                          endpoint_ids: Sequence[str]) -> list[tuple[str, str, int]]:
    if not endpoint_ids:
        return []
    rows = (await connection.execute(
        select(delivery.c.endpoint_id, delivery.c.status, func.count())
        .where(delivery.c.endpoint_id.in_(list(endpoint_ids)))
        .group_by(delivery.c.endpoint_id, delivery.c.status))).all()
    return [(e, s, int(n)) for e, s, n in rows]
