"""Queries of mediation sessions; tenancy in every lookup; typed records; no commits."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncConnection

from mediation import db
from mediation.domain.records import SessionRecord

from .tables import mediation_session


async def add(connection: AsyncConnection, record: SessionRecord) -> None:
    await db.insert_record(connection, mediation_session, record)


async def get(connection: AsyncConnection, la_code: str, session_id: str) -> SessionRecord | None:
    return await db.get_row(SessionRecord, connection, mediation_session, la_code, session_id)


async def save(connection: AsyncConnection, record: SessionRecord) -> None:
    await connection.execute(update(mediation_session).where(mediation_session.c.id == record.id)
                          .values(**db.values_of(record)))


async def of_case(connection: AsyncConnection, mediation_case_id: str) -> list[SessionRecord]:
    return await db.rows_of_case(SessionRecord, connection, mediation_session, mediation_case_id)
