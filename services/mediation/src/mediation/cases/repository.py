"""Every query of mediation cases; tenancy in every lookup; typed records; no commits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import ColumnElement, Table, exists, false, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from common.principal import LA_STAFF, Principal
from mediation import db
from mediation.appeals.tables import appeal, compliance_step
from mediation.domain.model import Certificate
from mediation.domain.records import CaseRecord, CertificateRecord, DeadlineRecord
from mediation.outcomes.tables import certificate

from .tables import mediation_case

_CHANGEABLE = [c.name for c in mediation_case.c if c.name not in ("id", "version")]


async def by_decision(connection: AsyncConnection, la_code: str,
                      decision_id: str) -> CaseRecord | None:
    """The LA's mediation case for its decision `decision_id` (another LA's decision of the
    same reference is another decision)."""
    return db.one(CaseRecord, await connection.execute(select(mediation_case).where(
        mediation_case.c.la_code == la_code, mediation_case.c.decision_id == decision_id)))


async def get(connection: AsyncConnection,
              la_code: str, mediation_case_id: str) -> CaseRecord | None:
    return await db.get_row(CaseRecord, connection, mediation_case, la_code, mediation_case_id)


async def add(connection: AsyncConnection, case: CaseRecord) -> None:
    await db.insert_record(connection, mediation_case, case)


async def save(connection: AsyncConnection, case: CaseRecord) -> CaseRecord:
    """Store `case` as the next version (ETag); returns it as stored."""
    stored = replace(case, version=case.version + 1)
    values = db.values_of(stored)
    await connection.execute(update(mediation_case).where(mediation_case.c.id == case.id)
                          .values(version=stored.version,
                                  **{name: values[name] for name in _CHANGEABLE}))
    return stored


def readable_by(principal: Principal) -> list[ColumnElement[bool]]:
    """What a caller may list beyond their LA: LA staff every case; a family its own cases;
    a mediator or adviser the cases assigned to their organisation."""
    c = mediation_case.c
    if principal.has_any(LA_STAFF):
        return []
    visible: list[ColumnElement[bool]] = (
        [c.case_id.in_(sorted(principal.case_ids))] if principal.is_family else [])
    if principal.has_any(("mediator",)) and principal.org_code:
        visible.append((c.mediator_org_code == principal.org_code)
                       | (c.adviser_org_code == principal.org_code))
    return [or_(*visible) if visible else false()]


async def page(connection: AsyncConnection, principal: Principal, query: CaseQuery, limit: int,
               offset: int) -> tuple[list[CaseRecord], int]:
    """The cases `principal` may see that match `query`, a page of them and the total."""
    c = mediation_case.c
    filters = [c.case_id == query.case_id] if query.case_id else []
    filters += [c.status == query.status] if query.status else []
    filters += [c.decision_kind == query.decision_kind] if query.decision_kind else []
    if query.information_missing is not None:
        filters.append(c.information_sent_on.is_(None) if query.information_missing
                       else c.information_sent_on.is_not(None))
    return await db.page(CaseRecord, connection, mediation_case, principal.la_code,
                         [*filters, *readable_by(principal)], limit, offset,
                         (c.opened_at, c.id))


@dataclass(frozen=True, slots=True)
class CaseQuery:
    case_id: str | None = None
    status: str | None = None
    decision_kind: str | None = None
    information_missing: bool | None = None


async def certificates_of(connection: AsyncConnection,
                          mediation_case_id: str) -> list[CertificateRecord]:
    return await db.rows_of_case(CertificateRecord, connection, certificate, mediation_case_id)


def certificate_values(rows: Sequence[CertificateRecord]) -> tuple[Certificate, ...]:
    return tuple(row.value for row in rows)


async def is_appealed(connection: AsyncConnection, mediation_case_id: str) -> bool:
    return bool(await connection.scalar(select(exists().where(
        appeal.c.mediation_case_id == mediation_case_id))))


async def open_deadlines(connection: AsyncConnection,
                         deadline: Table, ref_id: str) -> dict[str, date]:
    """The open deadline rows of the case: due date by kind."""
    rows = await connection.execute(select(deadline.c.kind, deadline.c.due_on).where(
        deadline.c.ref_id == ref_id, deadline.c.status == "open"))
    return {kind: due_on for kind, due_on in rows.all()}


async def deadlines_of(connection: AsyncConnection, deadline: Table, case_id: str,
                       ref_ids: Sequence[str]) -> list[DeadlineRecord]:
    return db.every(DeadlineRecord, await connection.execute(select(deadline).where(
        deadline.c.case_id == case_id, deadline.c.ref_id.in_(list(ref_ids)))
        .order_by(deadline.c.due_on, deadline.c.kind)))


async def step_ids_of(connection: AsyncConnection, mediation_case_id: str) -> list[str]:
    s = compliance_step.c
    return list((await connection.execute(select(s.id).where(
        s.mediation_case_id == mediation_case_id).order_by(s.id))).scalars())
