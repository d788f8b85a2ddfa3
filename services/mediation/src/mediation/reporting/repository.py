"""The reads behind the mediation report: every case, certificate and appeal of an LA
(R13.1, R6.5-R6.7). Read-only; no locks."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from mediation import db
from mediation.appeals.tables import appeal
from mediation.cases.tables import mediation_case
from mediation.domain.records import AppealRecord, CaseRecord, CertificateRecord
from mediation.outcomes.tables import certificate


async def cases_decided(connection: AsyncConnection, la_code: str, since: date | None,
                        until: date | None) -> list[CaseRecord]:
    c = mediation_case.c
    where = [c.la_code == la_code]
    where += [c.decided_on >= since] if since is not None else []
    where += [c.decided_on <= until] if until is not None else []
    return db.every(CaseRecord, await connection.execute(select(mediation_case).where(*where)))


async def certificates_in(connection: AsyncConnection, la_code: str) -> list[CertificateRecord]:
    return db.every(CertificateRecord, await connection.execute(select(certificate).where(
        certificate.c.la_code == la_code)))


async def appeals_in(connection: AsyncConnection, la_code: str) -> list[AppealRecord]:
    return db.every(AppealRecord, await connection.execute(select(appeal).where(
        appeal.c.la_code == la_code)))
