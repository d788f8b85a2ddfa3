"""Planning's queries: the recipients read model (cases and contacts, always within an LA),
staff addresses, opt-outs, the LA's route overrides and templates, and new delivery rows.
No commits."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncConnection

from notifications.db import insert_for
from notifications.delivery.tables import delivery
from notifications.domain.enums import FINAL, DeliveryStatus
from notifications.domain.records import CaseRecord, Contact, LaTemplate, Target
from notifications.planning.routing import Override
from notifications.planning.tables import (
    case_contact,
    case_record,
    opt_out,
    route_override,
    staff_address,
    template_override,
)
from notifications.planning.templates import RenderedMessage

_seq = {"last": 0}

# -- cases and contacts ---------------------------------------------------------------------


_CASE_TEXT_LIMITS = {"given_name": 100, "family_name": 100, "case_ref": 100,
                     "caseworker_id": 100, "team": 100}


async def save_case(connection: AsyncConnection, values: dict[str, Any]) -> None:
    """Insert or update the case (names and references cut to what the columns hold: a
    long name must not send the whole case-opened event to the dead letters)."""
    values = {k: v[:_CASE_TEXT_LIMITS[k]] if k in _CASE_TEXT_LIMITS and isinstance(v, str)
              else v for k, v in values.items()}
    keys = [column.name for column in case_record.primary_key.columns]
    changes = {k: v for k, v in values.items() if k not in keys}
    await connection.execute(insert_for(connection)(case_record).values(**values)
                          .on_conflict_do_update(index_elements=keys, set_=changes))


async def replace_contacts(connection: AsyncConnection, case_id: str, la_code: str,
                           contacts: Sequence[Mapping[str, Any]]) -> None:
    await connection.execute(delete(case_contact).where(case_contact.c.case_id == case_id,
                                                     case_contact.c.la_code == la_code))
    if contacts:
        await connection.execute(case_contact.insert(), [
            {"case_id": case_id, "position": n, "la_code": la_code, "role": c["role"],
             "name": c["name"], "email": c.get("email"), "phone": c.get("phone"),
             "preferred_channel": c["preferred_channel"],
             "postal_address": c.get("postal_address")} for n, c in enumerate(contacts)])


async def case_of(connection: AsyncConnection, la_code: str, case_id: str) -> CaseRecord | None:
    row = (await connection.execute(select(case_record).where(
        case_record.c.case_id == case_id, case_record.c.la_code == la_code))
    ).mappings().one_or_none()
    return CaseRecord.from_row(row) if row is not None else None


async def contacts_of(connection: AsyncConnection, la_code: str, case_id: str) -> list[Contact]:
    rows = (await connection.execute(
        select(case_contact).where(case_contact.c.case_id == case_id,
                                   case_contact.c.la_code == la_code)
        .order_by(case_contact.c.position))).mappings().all()
    return [Contact.from_row(r) for r in rows]


# -- staff addresses, opt-outs, routes, templates -------------------------------------------

async def staff_email(connection: AsyncConnection, la_code: str, kind: str, ref: str) -> str | None:
    return await connection.scalar(select(staff_address.c.email).where(
        staff_address.c.la_code == la_code, staff_address.c.kind == kind,
        staff_address.c.ref == ref))


async def opted_out(connection: AsyncConnection, la_code: str, address: str) -> bool:
    return bool(await connection.scalar(select(opt_out.c.address).where(
        opt_out.c.la_code == la_code, opt_out.c.address == address.lower())))


async def route_overrides(connection: AsyncConnection, la_code: str,
                          event_type: str | None = None) -> dict[tuple[str, str], Override]:
    query = select(route_override).where(route_override.c.la_code == la_code)
    if event_type:
        query = query.where(route_override.c.event_type == event_type)
    rows = (await connection.execute(query)).mappings().all()
    return {(r["event_type"], r["audience"]): Override(tuple(json.loads(r["channels"])),
                                                       bool(r["enabled"])) for r in rows}


async def template_of(connection: AsyncConnection, la_code: str, event_type: str, audience: str,
                      channel: str) -> LaTemplate | None:
    row = (await connection.execute(select(template_override).where(
        template_override.c.la_code == la_code, template_override.c.event_type == event_type,
        template_override.c.audience == audience, template_override.c.channel == channel))
    ).mappings().one_or_none()
    return LaTemplate.from_row(row) if row is not None else None


# -- new deliveries -------------------------------------------------------------------------

def next_seq() -> int:
    """Creation order: wall time in ns, strictly increasing within the process."""
    value = max(time.time_ns(), _seq["last"] + 1)
    _seq["last"] = value
    return value


def delivery_values(now: datetime, *, la_code: str, case_id: str | None, event_id: str,
                    event_type: str, target: Target, message: RenderedMessage,
                    status: DeliveryStatus = DeliveryStatus.PENDING,
                    last_error: str | None = None) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()), "la_code": la_code, "case_id": case_id, "event_id": event_id,
        "event_type": event_type, "audience": target.audience, "channel": target.channel,
        "recipient": target.address, "subject": message.subject, "body": message.text,
        "status": status.value, "attempts": 0, "last_error": last_error,
        "next_attempt_at": None if status in FINAL else now, "created_at": now,
        "sent_at": now if status == DeliveryStatus.SENT else None,
        "endpoint_id": target.endpoint_id, "seq": next_seq(),
        "recipient_name": target.name[:200] if target.name else None}


async def add_delivery(connection: AsyncConnection, values: dict[str, Any]) -> bool:
    """Insert unless (event, recipient, channel) already has a delivery; True if inserted."""
    result = await connection.execute(insert_for(connection)(delivery).values(**values)
                                   .on_conflict_do_nothing(index_elements=[
                                       delivery.c.event_id, delivery.c.recipient,
                                       delivery.c.channel]))
    return bool(result.rowcount)
