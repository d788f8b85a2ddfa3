"""Queries on webhook endpoints; an endpoint is only ever read within its owner's scope.
No commits."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from common.db.engine import dialect_name
from notifications.domain.records import Endpoint
from notifications.domain.records import EndpointOwner as Owner
from notifications.webhooks.tables import webhook_endpoint


async def add_endpoint(connection: AsyncConnection, values: dict[str, Any]) -> None:
    await connection.execute(webhook_endpoint.insert().values(**values))


async def endpoint(connection: AsyncConnection, endpoint_id: str, *,
                   for_update: bool = False) -> Endpoint | None:
    """By id, for the delivery worker (which works on every LA's queue)."""
    query = select(webhook_endpoint).where(webhook_endpoint.c.id == endpoint_id)
    if for_update and dialect_name(connection) == "postgresql":
        query = query.with_for_update()
    row = (await connection.execute(query)).mappings().one_or_none()
    return Endpoint.from_row(row) if row is not None else None


def owned_by(owner: Owner) -> list[Any]:
    """The endpoints an owner (LA, partner role, organisation) may see and change."""
    return [webhook_endpoint.c.la_code == owner.la_code,
            webhook_endpoint.c.partner_role == owner.role,
            webhook_endpoint.c.org_code == owner.org_code]


async def owned_endpoint(connection: AsyncConnection, endpoint_id: str, owner: Owner, *,
                         for_update: bool = False) -> Endpoint | None:
    """The endpoint if this owner owns it."""
    query = select(webhook_endpoint).where(webhook_endpoint.c.id == endpoint_id,
                                           *owned_by(owner))
    if for_update and dialect_name(connection) == "postgresql":
        query = query.with_for_update()
    row = (await connection.execute(query)).mappings().one_or_none()
    return Endpoint.from_row(row) if row is not None else None


async def endpoints_of(connection: AsyncConnection, owner: Owner) -> list[Endpoint]:
    rows = (await connection.execute(select(webhook_endpoint).where(*owned_by(owner))
                                  .order_by(webhook_endpoint.c.created_at))).mappings().all()
    return [Endpoint.from_row(r) for r in rows]


async def endpoints_of_la(connection: AsyncConnection, la_code: str | None) -> list[Endpoint]:
    query = select(webhook_endpoint).order_by(webhook_endpoint.c.created_at)
    if la_code:
        query = query.where(webhook_endpoint.c.la_code == la_code)
    return [Endpoint.from_row(r) for r in (await connection.execute(query)).mappings().all()]


async def update_endpoint(connection: AsyncConnection, endpoint_id: str,
                          values: dict[str, Any]) -> None:
    await connection.execute(update(webhook_endpoint).where(webhook_endpoint.c.id == endpoint_id)
                          .values(**values))
