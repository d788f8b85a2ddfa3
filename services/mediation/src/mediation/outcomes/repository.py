"""Queries of certificates and their numbering; tenancy in every lookup; no commits."""

from __future__ import annotations

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncConnection

from mediation import db
from mediation.domain.records import CertificateRecord

from .tables import certificate, certificate_counter


async def add(connection: AsyncConnection, record: CertificateRecord) -> None:
    await db.insert_record(connection, certificate, record)


async def get(connection: AsyncConnection, la_code: str, certificate_id: str
              ) -> CertificateRecord | None:
    return await db.get_row(CertificateRecord, connection, certificate, la_code, certificate_id)


async def next_certificate_seq(connection: AsyncConnection, la_code: str, year: int) -> int:
    """The next certificate number of the LA in `year`: one atomic upsert that holds the
    counter row's lock until commit, so concurrent issuers never share a number."""
    insert_ = pg_insert if connection.dialect.name == "postgresql" else sqlite_insert
    upsert = insert_(certificate_counter).values(la_code=la_code, year=year, last_seq=1)
    statement = upsert.on_conflict_do_update(
        index_elements=[certificate_counter.c.la_code, certificate_counter.c.year],
        set_={"last_seq": certificate_counter.c.last_seq + 1},
    ).returning(certificate_counter.c.last_seq)
    return int((await connection.execute(statement)).scalar_one())
