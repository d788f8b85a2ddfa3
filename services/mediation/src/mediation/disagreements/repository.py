"""Queries of disagreement resolution requests; tenancy in every lookup; no commits."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncConnection

from mediation import db
from mediation.domain.records import DisagreementRecord

from .tables import disagreement_resolution


async def add(connection: AsyncConnection, record: DisagreementRecord) -> None:
    await db.insert_record(connection, disagreement_resolution, record)


async def get(connection: AsyncConnection, la_code: str, row_id: str) -> DisagreementRecord | None:
    return await db.get_row(DisagreementRecord, connection, disagreement_resolution, la_code,
                            row_id)


async def save(connection: AsyncConnection, record: DisagreementRecord) -> None:
    await connection.execute(update(disagreement_resolution)
                          .where(disagreement_resolution.c.id == record.id)
                          .values(**db.values_of(record)))


async def page(connection: AsyncConnection, la_code: str, case_id: str | None, status: str | None,
               limit: int, offset: int) -> tuple[list[DisagreementRecord], int]:
    c = disagreement_resolution.c
    filters = ([c.case_id == case_id] if case_id else []) + \
        ([c.status == status] if status else [])
    return await db.page(DisagreementRecord, connection, disagreement_resolution, la_code,
                         filters, limit, offset, (c.requested_on, c.id))
