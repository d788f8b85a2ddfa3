"""Queries of the registry of mediators and advisers; tenancy in every lookup; no commits."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from mediation import db
from mediation.domain.records import PractitionerRecord

from .tables import practitioner


async def add(session: AsyncSession, record: PractitionerRecord) -> None:
    await db.insert_record(session, practitioner, record)


async def get(session: AsyncSession, la_code: str, practitioner_id: str
              ) -> PractitionerRecord | None:
    return await db.get_row(PractitionerRecord, session, practitioner, la_code, practitioner_id)


async def page(session: AsyncSession, la_code: str, role: str | None, limit: int,
               offset: int) -> tuple[list[PractitionerRecord], int]:
    filters = [practitioner.c.role == role] if role else []
    return await db.page(PractitionerRecord, session, practitioner, la_code, filters, limit,
                         offset, (practitioner.c.name, practitioner.c.id))
