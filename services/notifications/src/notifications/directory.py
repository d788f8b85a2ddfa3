"""Queries for the recipients read model, staff addresses, opt-outs, per-LA routes and
templates, and webhook endpoints. No commits."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Table, delete, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from common.db.engine import dialect_name
from notifications.routing import Override
from notifications.tables import (
    case_contact,
    case_record,
    opt_out,
    route_override,
    staff_address,
    template_override,
    webhook_endpoint,
)

Row = Mapping[Any, Any]


async def upsert(session: AsyncSession, table: Table, values: dict[str, Any]) -> None:
    insert_ = pg_insert if dialect_name(session) == "postgresql" else sqlite_insert
    keys = [c.name for c in table.primary_key.columns]
    statement = insert_(table).values(**values)
    changes = {k: v for k, v in values.items() if k not in keys}
    if changes:
        await session.execute(statement.on_conflict_do_update(index_elements=keys, set_=changes))
    else:
        await session.execute(statement.on_conflict_do_nothing(index_elements=keys))


# -- cases and contacts ---------------------------------------------------------------------

async def save_case(session: AsyncSession, values: dict[str, Any]) -> None:
    await upsert(session, case_record, values)


async def replace_contacts(session: AsyncSession, case_id: str, la_code: str,
                           contacts: Sequence[Mapping[str, Any]]) -> None:
    await session.execute(delete(case_contact).where(case_contact.c.case_id == case_id))
    if contacts:
        await session.execute(case_contact.insert(), [
            {"case_id": case_id, "position": n, "la_code": la_code, "role": c["role"],
             "name": c["name"], "email": c.get("email"), "phone": c.get("phone"),
             "preferred_channel": c["preferred_channel"]} for n, c in enumerate(contacts)])


async def case_of(session: AsyncSession, case_id: str) -> Row | None:
    return (await session.execute(select(case_record).where(case_record.c.case_id == case_id))
            ).mappings().one_or_none()


async def contacts_of(session: AsyncSession, case_id: str) -> list[Row]:
    return list((await session.execute(
        select(case_contact).where(case_contact.c.case_id == case_id)
        .order_by(case_contact.c.position))).mappings().all())


# -- staff addresses and opt-outs -----------------------------------------------------------

async def staff_email(session: AsyncSession, la_code: str, kind: str, ref: str) -> str | None:
    return await session.scalar(select(staff_address.c.email).where(
        staff_address.c.la_code == la_code, staff_address.c.kind == kind,
        staff_address.c.ref == ref))


async def staff_addresses(session: AsyncSession, la_code: str) -> list[Row]:
    return list((await session.execute(select(staff_address).where(
        staff_address.c.la_code == la_code).order_by(staff_address.c.kind, staff_address.c.ref))
    ).mappings().all())


async def delete_staff_address(session: AsyncSession, la_code: str, kind: str, ref: str) -> bool:
    result = await session.execute(delete(staff_address).where(
        staff_address.c.la_code == la_code, staff_address.c.kind == kind,
        staff_address.c.ref == ref))
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def opted_out(session: AsyncSession, la_code: str, address: str) -> bool:
    return bool(await session.scalar(select(opt_out.c.address).where(
        opt_out.c.la_code == la_code, opt_out.c.address == address.lower())))


async def set_opt_out(session: AsyncSession, la_code: str, address: str, on: bool,
                      now: Any) -> None:
    if on:
        await upsert(session, opt_out, {"la_code": la_code, "address": address.lower(),
                                        "created_at": now})
    else:
        await session.execute(delete(opt_out).where(opt_out.c.la_code == la_code,
                                                    opt_out.c.address == address.lower()))


# -- routes and templates -------------------------------------------------------------------

async def route_overrides(session: AsyncSession, la_code: str,
                          event_type: str | None = None) -> dict[tuple[str, str], Override]:
    query = select(route_override).where(route_override.c.la_code == la_code)
    if event_type:
        query = query.where(route_override.c.event_type == event_type)
    rows = (await session.execute(query)).mappings().all()
    return {(r["event_type"], r["audience"]): Override(tuple(json.loads(r["channels"])),
                                                       bool(r["enabled"])) for r in rows}


async def delete_route_override(session: AsyncSession, la_code: str, event_type: str,
                                audience: str) -> bool:
    result = await session.execute(delete(route_override).where(
        route_override.c.la_code == la_code, route_override.c.event_type == event_type,
        route_override.c.audience == audience))
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def template_of(session: AsyncSession, la_code: str, event_type: str, audience: str,
                      channel: str) -> Row | None:
    return (await session.execute(select(template_override).where(
        template_override.c.la_code == la_code, template_override.c.event_type == event_type,
        template_override.c.audience == audience, template_override.c.channel == channel))
    ).mappings().one_or_none()


async def templates_of(session: AsyncSession, la_code: str) -> list[Row]:
    return list((await session.execute(select(template_override).where(
        template_override.c.la_code == la_code).order_by(
        template_override.c.event_type, template_override.c.audience))).mappings().all())


async def delete_template(session: AsyncSession, la_code: str, event_type: str, audience: str,
                          channel: str) -> bool:
    result = await session.execute(delete(template_override).where(
        template_override.c.la_code == la_code, template_override.c.event_type == event_type,
        template_override.c.audience == audience, template_override.c.channel == channel))
    return bool(result.rowcount)  # type: ignore[attr-defined]


# -- webhook endpoints ----------------------------------------------------------------------

async def add_endpoint(session: AsyncSession, values: dict[str, Any]) -> None:
    await session.execute(webhook_endpoint.insert().values(**values))


async def endpoint(session: AsyncSession, endpoint_id: str, *,
                   for_update: bool = False) -> Row | None:
    query = select(webhook_endpoint).where(webhook_endpoint.c.id == endpoint_id)
    if for_update and dialect_name(session) == "postgresql":
        query = query.with_for_update()
    return (await session.execute(query)).mappings().one_or_none()


async def endpoints_of_org(session: AsyncSession, la_code: str, org_code: str) -> list[Row]:
    return list((await session.execute(select(webhook_endpoint).where(
        webhook_endpoint.c.la_code == la_code, webhook_endpoint.c.org_code == org_code)
        .order_by(webhook_endpoint.c.created_at))).mappings().all())


async def endpoints_of_la(session: AsyncSession, la_code: str | None) -> list[Row]:
    query = select(webhook_endpoint).order_by(webhook_endpoint.c.created_at)
    if la_code:
        query = query.where(webhook_endpoint.c.la_code == la_code)
    return list((await session.execute(query)).mappings().all())


async def update_endpoint(session: AsyncSession, endpoint_id: str, values: dict[str, Any]) -> None:
    await session.execute(update(webhook_endpoint).where(webhook_endpoint.c.id == endpoint_id)
                          .values(**values))
