"""Every query of the organisations feature; access rules live in the queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, insert, select, update

from localoffer.domain.enums import ReportState
from localoffer.organisations.tables import organisation, sen_information_report


@dataclass(frozen=True)
class OrganisationRecord:
    id: str
    la_code: str
    name: str
    description: str
    kind: str
    email: str | None
    website: str | None
    provider_code: str | None
    urn: str | None
    ukprn: str | None
    ods_code: str | None
    charity_number: str | None
    company_number: str | None
    created_at: datetime
    modified_at: datetime


@dataclass(frozen=True)
class ReportRecord:
    id: str
    la_code: str
    organisation_id: str
    academic_year: str
    state: str
    url: str
    summary: str
    version: int
    published_on: date | None
    updated_at: datetime


async def get(conn: Any, la_code: str, organisation_id: str) -> OrganisationRecord | None:
    row = (await conn.execute(select(organisation).where(
        organisation.c.id == organisation_id, organisation.c.la_code == la_code))).first()
    return OrganisationRecord(**row._mapping) if row else None


async def get_many(conn: Any, ids: list[str]) -> dict[str, OrganisationRecord]:
    if not ids:
        return {}
    rows = (await conn.execute(select(organisation).where(
        organisation.c.id.in_(sorted(set(ids)))))).all()
    return {r.id: OrganisationRecord(**r._mapping) for r in rows}


async def add(conn: Any, values: dict[str, Any]) -> OrganisationRecord:
    row = (await conn.execute(insert(organisation).values(**values)
                              .returning(*organisation.c))).one()
    return OrganisationRecord(**row._mapping)


async def change(conn: Any, organisation_id: str, values: dict[str, Any]) -> OrganisationRecord:
    row = (await conn.execute(update(organisation).where(organisation.c.id == organisation_id)
                              .values(**values).returning(*organisation.c))).one()
    return OrganisationRecord(**row._mapping)


async def page(conn: Any, la_code: str, offset: int, limit: int,
               provider_code: str | None = None) -> tuple[list[OrganisationRecord], int]:
    where = [organisation.c.la_code == la_code]
    if provider_code is not None:
        where.append(organisation.c.provider_code == provider_code)
    total = await conn.scalar(select(func.count()).select_from(organisation).where(*where))
    rows = (await conn.execute(select(organisation).where(*where)
                               .order_by(organisation.c.name, organisation.c.id)
                               .offset(offset).limit(limit))).all()
    return [OrganisationRecord(**r._mapping) for r in rows], int(total or 0)


async def get_report(conn: Any, organisation_id: str,
                     academic_year: str) -> ReportRecord | None:
    row = (await conn.execute(select(sen_information_report).where(
        sen_information_report.c.organisation_id == organisation_id,
        sen_information_report.c.academic_year == academic_year))).first()
    return ReportRecord(**row._mapping) if row else None


async def save_report(conn: Any, values: dict[str, Any], *, new: bool) -> ReportRecord:
    table = sen_information_report
    statement = insert(table).values(**values) if new else update(table).where(
        table.c.id == values["id"]).values(**values)
    row = (await conn.execute(statement.returning(*table.c))).one()
    return ReportRecord(**row._mapping)


async def reports_of(conn: Any, organisation_id: str) -> list[ReportRecord]:
    rows = (await conn.execute(select(sen_information_report).where(
        sen_information_report.c.organisation_id == organisation_id)
        .order_by(sen_information_report.c.academic_year.desc()))).all()
    return [ReportRecord(**r._mapping) for r in rows]


async def latest_published_report(conn: Any, organisation_id: str) -> ReportRecord | None:
    """The organisation's published report of the latest academic year (R8.6)."""
    row = (await conn.execute(select(sen_information_report).where(
        sen_information_report.c.organisation_id == organisation_id,
        sen_information_report.c.state == ReportState.PUBLISHED.value)
        .order_by(sen_information_report.c.academic_year.desc()).limit(1))).first()
    return ReportRecord(**row._mapping) if row else None
