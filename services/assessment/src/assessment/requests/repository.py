"""Queries of requests for an EHC needs assessment. Tenancy (the LA code) is part of every
lookup by id; nothing here commits."""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from assessment.cases.tables import case
from assessment.domain.records import CaseRecord, RequestingCase, RequestRecord, from_row
from assessment.domain.status import AssessDecision
from assessment.requests.tables import assessment_request
from common.db.direct import DirectStatement

_LAST_ASSESSED_ON = (select(func.max(assessment_request.c.decided_on))
                     .where(assessment_request.c.case_id == case.c.id,
                            assessment_request.c.decision == AssessDecision.ASSESS.value)
                     .scalar_subquery().label("last_assessed_on"))
# FOR UPDATE renders nothing on SQLite, where a write transaction locks the whole file
CASE_FOR_REQUEST = DirectStatement(
    select(case).where(case.c.id == bindparam("case_id"), case.c.la_code == bindparam("la_code"))
    .add_columns(_LAST_ASSESSED_ON).with_for_update(of=case))
INSERT_REQUEST = DirectStatement(insert(assessment_request).returning(*assessment_request.c))


async def case_for_request(session: AsyncSession, la_code: str,
                           case_id: str) -> RequestingCase | None:
    """The case, locked, with the last day an EHC needs assessment of it was decided on
    (R1.6), in one round trip: what every new request needs."""
    row = await CASE_FOR_REQUEST.fetch_one(session, {"case_id": case_id, "la_code": la_code})
    if row is None:
        return None
    return RequestingCase(case=from_row(CaseRecord, row),
                          last_assessed_on=row["last_assessed_on"])


async def insert_request(session: AsyncSession, values: dict[str, Any]) -> RequestRecord:
    """The new request, as stored."""
    row = await INSERT_REQUEST.fetch_one(session, values)
    assert row is not None
    return from_row(RequestRecord, row)


async def get_request(session: AsyncSession, la_code: str,
                      request_id: str) -> RequestRecord | None:
    row = (await session.execute(select(assessment_request).where(
        assessment_request.c.id == request_id, assessment_request.c.la_code == la_code))
    ).mappings().one_or_none()
    return None if row is None else from_row(RequestRecord, row)


async def update_request(session: AsyncSession, request_id: str, values: dict[str, Any]) -> None:
    await session.execute(update(assessment_request)
                          .where(assessment_request.c.id == request_id).values(**values))
