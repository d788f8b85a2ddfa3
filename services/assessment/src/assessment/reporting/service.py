"""The caseworker's views, read in one transaction: a case's timeline, the dashboard
summary and the timeliness report (R13.2). Nothing is written."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from assessment.advice import repository as advice
from assessment.advice.rules import timeline_exception
from assessment.domain.model import TimelineException
from assessment.reporting import repository
from assessment.reporting import rules as report_rules


async def timeline(connection: AsyncConnection, case_id: str) -> list[dict[str, Any]]:
    return report_rules.timeline(await repository.timeline_entries(connection, case_id),
                                 await repository.deadlines_of_case(connection, case_id))


async def dashboard(connection: AsyncConnection, la_code: str, today: date) -> dict[str, Any]:
    by_kind = await repository.breaches_by_kind(connection, la_code,
                                                report_rules.month_start(today), today)
    open_count, overdue = await repository.open_deadline_counts(connection, la_code, today)
    return {"as_of": today,
            "requests_by_stage": await repository.requests_by_stage(connection, la_code),
            "plans_by_status": await repository.plans_by_status(connection, la_code),
            "open_deadlines": open_count, "overdue_deadlines": overdue,
            "breaches_this_month": sum(by_kind.values()), "breaches_by_kind": by_kind}


async def timeliness(connection: AsyncConnection, la_code: str, start: date,
                     end: date) -> dict[str, Any]:
    """R13.2, R1.14, R0.5: new plans first issued in [start, end]."""
    issued = await repository.new_plans_issued(connection, la_code, start, end)
    exceptions: dict[str, list[TimelineException]] = {}
    for recorded in await advice.request_exceptions(connection, [p.request_id for p in issued]):
        assert recorded.request_id is not None
        exceptions.setdefault(recorded.request_id, []).append(timeline_exception(recorded))
    return {"from": start, "to": end, **report_rules.timeliness(issued, exceptions)}
