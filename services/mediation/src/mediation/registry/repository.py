"""Queries of the registry of mediators and advisers; tenancy in every lookup; no commits."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncConnection

from mediation import db
from mediation.domain.records import PractitionerRecord

from .tables import practitioner


async def add(connection: AsyncConnection, record: PractitionerRecord) -> None:
    await db.insert_record(connection, practitioner, record)


async def get(connection: AsyncConnection, la_code: str, practitioner_id: str
              ) -> PractitionerRecord | None:
    return await db.get_row(PractitionerRecord, connection, practitioner, la_code, practitioner_id)


async def page(connection: AsyncConnection, la_code: str, role: str | None, limit: int,
               offset: int) -> tuple[list[PractitionerRecord], int]:
    filters = [practitioner.c.role == role] if role else []
    return await db.page(PractitionerRecord, connection, practitioner, la_code, filters, limit,
                         offset, (practitioner.c.name, practitioner.c.id))
