"""Queries of requests for an EHC needs assessment. Tenancy (the LA code) is part of every
lookup by id; nothing here commits."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import bindparam, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from assessment.cases.tables import case
from assessment.domain import requests as rules
from assessment.domain.records import CaseRecord, RequestingCase, RequestRecord, from_row
from assessment.domain.status import PlanOrigin, PlanOutcome
from assessment.plans.tables import plan
from assessment.requests.tables import assessment_request
from common.db.direct import DirectStatement
from common.db.held_inserts import hold_insert

# R1.6: an EHC needs assessment ends with the final plan it leads to (a new plan, or the plan
# of a transfer review, which is an EHC needs assessment: R5.1) or with the notice that no
# plan will be made; only endings on or before the new request's day count.
_PLAN_ENDINGS = (select(func.max(plan.c.first_issued_on))
                 .where(plan.c.case_id == case.c.id,
                        # two plain comparisons, not IN: an IN list is an "expanding"
                        # parameter, whose SQL SQLAlchemy rewrites on every execution
                        or_(plan.c.origin == PlanOrigin.NEW.value,
                            plan.c.origin == PlanOrigin.TRANSFER.value),
                        plan.c.first_issued_on <= bindparam("received_on"))
                 .scalar_subquery().label("last_final_plan_on"))
_NO_PLAN_NOTICE_ON = func.coalesce(assessment_request.c.plan_outcome_notified_on,
                                   assessment_request.c.plan_outcome_on)
_NO_PLAN_ENDINGS = (select(func.max(_NO_PLAN_NOTICE_ON))
                    .where(assessment_request.c.case_id == case.c.id,
                           assessment_request.c.plan_outcome == PlanOutcome.REFUSED.value,
                           _NO_PLAN_NOTICE_ON <= bindparam("received_on"))
                    .scalar_subquery().label("last_no_plan_notice_on"))
# FOR UPDATE renders nothing on SQLite, where a write transaction locks the whole file
CASE_FOR_REQUEST = DirectStatement(
    select(case).where(case.c.id == bindparam("case_id"), case.c.la_code == bindparam("la_code"))
    .add_columns(_PLAN_ENDINGS, _NO_PLAN_ENDINGS).with_for_update(of=case))


async def case_for_request(connection: AsyncConnection, la_code: str, case_id: str,
                           received_on: date) -> RequestingCase | None:
    """The case, locked, with the day its last EHC needs assessment ended on or before
    `received_on` (R1.6), in one round trip: what every new request needs."""
    row = await CASE_FOR_REQUEST.fetch_one(connection, {"case_id": case_id, "la_code": la_code,
                                                     "received_on": received_on})
    if row is None:
        return None
    ended_on = rules.last_assessment_ended_on([row["last_final_plan_on"]],
                                              [row["last_no_plan_notice_on"]], received_on)
    return RequestingCase(case=from_row(CaseRecord, row), last_assessment_ended_on=ended_on,
                          merged_into_case_id=row["merged_into_case_id"])


async def insert_request(connection: AsyncConnection, values: dict[str, Any]) -> RequestRecord:
    """The new request, as it is stored: its row is held for the next statement or the
    commit (common.db.held_inserts; the table has no server-side defaults, so the record is
    the values given, with None for the rest). A second request of the same day and
    requester fails there on the table's unique constraint (409)."""
    hold_insert(connection, assessment_request, values)
    return from_row(RequestRecord, dict.fromkeys(assessment_request.c.keys()) | values)


async def get_request(connection: AsyncConnection, la_code: str,
                      request_id: str) -> RequestRecord | None:
    row = (await connection.execute(select(assessment_request).where(
        assessment_request.c.id == request_id, assessment_request.c.la_code == la_code))
    ).mappings().one_or_none()
    return None if row is None else from_row(RequestRecord, row)


async def update_request(connection: AsyncConnection,
                         request_id: str, values: dict[str, Any]) -> None:
    await connection.execute(update(assessment_request)
                          .where(assessment_request.c.id == request_id).values(**values))
