"""The delivery worker's queries: the due queue, claims (a committed `sending` state with a
lease), outcomes, per-endpoint order, replays. Every write is fenced on the state it
read, so two workers never both hold a delivery. No commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from notifications.delivery.tables import delivery, notify_template
from notifications.domain.enums import IN_FLIGHT, DeliveryStatus
from notifications.domain.records import Delivery

#: a Notify template for any event type or any audience
ANY = "*"


def _due(now: datetime) -> Any:
    return (delivery.c.status.in_([s.value for s in IN_FLIGHT])
            & (delivery.c.next_attempt_at <= now))


async def due_deliveries(connection: AsyncConnection, now: datetime, limit: int) -> list[Delivery]:
    """The due queue in creation order (claims whose lease ran out included), unlocked:
    each attempt claims its own row."""
    query = select(delivery).where(_due(now)).order_by(delivery.c.seq).limit(limit)
    return [Delivery.from_row(r) for r in (await connection.execute(query)).mappings().all()]


async def get(connection: AsyncConnection, delivery_id: str) -> Delivery | None:
    row = (await connection.execute(select(delivery).where(delivery.c.id == delivery_id))
           ).mappings().one_or_none()
    return Delivery.from_row(row) if row is not None else None


async def save_if_unchanged(connection: AsyncConnection, row: Delivery,
                            values: dict[str, Any]) -> bool:
    """Write ``values`` if the row still has the status and attempt number it was read
    with (a fence: a claim or outcome never overwrites someone else's)."""
    result = await connection.execute(
        update(delivery).where(delivery.c.id == row.id, delivery.c.status == row.status,
                               delivery.c.attempts == row.attempts).values(**values))
    return bool(result.rowcount)


async def endpoint_blocked(connection: AsyncConnection, endpoint_id: str, seq: int) -> bool:
    """True when an earlier delivery to the endpoint is not finished (ordering)."""
    return bool(await connection.scalar(select(func.count()).select_from(delivery).where(
        delivery.c.endpoint_id == endpoint_id, delivery.c.seq < seq,
        delivery.c.status.in_([s.value for s in IN_FLIGHT]))))


async def replay(connection: AsyncConnection, conditions: Sequence[Any], now: datetime) -> int:
    """Queue finished deliveries again (same id, so receivers can de-duplicate)."""
    result = await connection.execute(
        update(delivery).where(*conditions,
                               delivery.c.status.not_in([s.value for s in IN_FLIGHT]))
        .values(status=DeliveryStatus.PENDING.value, attempts=0, next_attempt_at=now,
                last_error=None, replays=delivery.c.replays + 1))
    return int(result.rowcount)



async def notify_template_for(connection: AsyncConnection, la_code: str, event_type: str,
                              audience: str, channel: str) -> str | None:
    """The LA's Notify template id for the message: the one set for the event and
    audience, else for the event to anyone, else for any event to the audience, else for
    anything on the channel."""
    rows = (await connection.execute(select(notify_template).where(
        notify_template.c.la_code == la_code, notify_template.c.channel == channel,
        notify_template.c.event_type.in_((event_type, ANY)),
        notify_template.c.audience.in_((audience, ANY))))).mappings().all()
    found = {(r["event_type"], r["audience"]): r["template_id"] for r in rows}
    for key in ((event_type, audience), (event_type, ANY), (ANY, audience), (ANY, ANY)):
        if key in found:
            return str(found[key])
    return None
