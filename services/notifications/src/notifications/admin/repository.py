"""Writes and listings of the LA's configuration: route overrides, templates, staff
addresses, opt-outs. Always within the caller's LA. No commits."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncConnection

from notifications.db import upsert
from notifications.delivery.tables import notify_template
from notifications.domain.records import LaTemplate, NotifyTemplate, StaffAddress
from notifications.planning.tables import (
    opt_out,
    route_override,
    staff_address,
    template_override,
)


async def save_route_override(connection: AsyncConnection, la_code: str, event_type: str,
                              audience: str, channels: list[str], enabled: bool,
                              now: datetime) -> None:
    await upsert(connection, route_override, {
        "la_code": la_code, "event_type": event_type, "audience": audience,
        "channels": json.dumps(channels), "enabled": enabled, "updated_at": now})


async def delete_route_override(connection: AsyncConnection, la_code: str, event_type: str,
                                audience: str) -> bool:
    result = await connection.execute(delete(route_override).where(
        route_override.c.la_code == la_code, route_override.c.event_type == event_type,
        route_override.c.audience == audience))
    return bool(result.rowcount)


async def templates_of(connection: AsyncConnection, la_code: str) -> list[LaTemplate]:
    rows = (await connection.execute(select(template_override).where(
        template_override.c.la_code == la_code).order_by(
        template_override.c.event_type, template_override.c.audience))).mappings().all()
    return [LaTemplate.from_row(r) for r in rows]


async def save_template(connection: AsyncConnection, la_code: str, template: LaTemplate,
                        now: datetime) -> None:
    await upsert(connection, template_override, {
        "la_code": la_code, "event_type": template.event_type, "audience": template.audience,
        "channel": template.channel, "subject": template.subject, "body": template.body,
        "version": template.version, "updated_at": now})


async def delete_template(connection: AsyncConnection, la_code: str, event_type: str, audience: str,
                          channel: str) -> bool:
    result = await connection.execute(delete(template_override).where(
        template_override.c.la_code == la_code, template_override.c.event_type == event_type,
        template_override.c.audience == audience, template_override.c.channel == channel))
    return bool(result.rowcount)


async def staff_addresses(connection: AsyncConnection, la_code: str) -> list[StaffAddress]:
    rows = (await connection.execute(select(staff_address).where(
        staff_address.c.la_code == la_code).order_by(staff_address.c.kind, staff_address.c.ref))
    ).mappings().all()
    return [StaffAddress.from_row(r) for r in rows]


async def save_staff_address(connection: AsyncConnection, la_code: str, address: StaffAddress,
                             now: datetime) -> None:
    await upsert(connection, staff_address, {"la_code": la_code, "kind": address.kind,
                                          "ref": address.ref, "email": address.email,
                                          "updated_at": now})


async def delete_staff_address(connection: AsyncConnection,
                               la_code: str, kind: str, ref: str) -> bool:
    result = await connection.execute(delete(staff_address).where(
        staff_address.c.la_code == la_code, staff_address.c.kind == kind,
        staff_address.c.ref == ref))
    return bool(result.rowcount)


async def set_opt_out(connection: AsyncConnection, la_code: str, address: str, on: bool,
                      now: datetime) -> None:
    if on:
        await upsert(connection, opt_out, {"la_code": la_code, "address": address.lower(),
                                        "created_at": now})
    else:
        await connection.execute(delete(opt_out).where(opt_out.c.la_code == la_code,
                                                    opt_out.c.address == address.lower()))


async def notify_templates_of(connection: AsyncConnection, la_code: str) -> list[NotifyTemplate]:
    rows = (await connection.execute(select(notify_template).where(
        notify_template.c.la_code == la_code).order_by(
        notify_template.c.event_type, notify_template.c.audience, notify_template.c.channel))
    ).mappings().all()
    return [NotifyTemplate.from_row(r) for r in rows]


async def save_notify_template(connection: AsyncConnection, la_code: str, template: NotifyTemplate,
                               now: datetime) -> None:
    await upsert(connection, notify_template, {
        "la_code": la_code, "event_type": template.event_type, "audience": template.audience,
        "channel": template.channel, "template_id": template.template_id, "updated_at": now})


async def delete_notify_template(connection: AsyncConnection, la_code: str, event_type: str,
                                 audience: str, channel: str) -> bool:
    result = await connection.execute(delete(notify_template).where(
        notify_template.c.la_code == la_code, notify_template.c.event_type == event_type,
        notify_template.c.audience == audience, notify_template.c.channel == channel))
    return bool(result.rowcount)
