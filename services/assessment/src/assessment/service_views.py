"""Read models for caseworkers: the case timeline, the dashboard summary and the timeliness
report (R13.2). Queries only; nothing is written."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from datetime import date
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from assessment.domain import rules
from assessment.domain.model import ExceptionKind, TimelineException
from assessment.tables import assessment_request, platform
from assessment.tables_lifecycle import plan, timeline_entry, timeline_exception

deadline = platform.deadline
Row = Mapping[str, Any]


async def timeline(session: AsyncSession, case_id: str) -> list[dict[str, Any]]:
    """Every step, decision and exception (timeline entries) and every deadline, by date."""
    entries = (await session.execute(select(timeline_entry).where(
        timeline_entry.c.case_id == case_id).order_by(timeline_entry.c.id))).mappings().all()
    items = [{"on": e["occurred_on"], "kind": "event", "type": e["event_type"],
              "data": e["data"]} for e in entries]
    deadlines = (await session.execute(select(deadline).where(
        deadline.c.case_id == case_id))).mappings().all()
    for d in deadlines:
        items.append({"on": d["due_on"], "kind": "deadline", "type": d["kind"],
                      "data": {"deadline_id": d["id"], "status": d["status"],
                               "closed_on": d["closed_on"] and d["closed_on"].isoformat(),
                               "met": None if d["closed_on"] is None
                               else d["closed_on"] <= d["due_on"]}})
    return sorted(items, key=lambda i: (i["on"], i["kind"] == "deadline"))


async def _counts(session: AsyncSession, column: Any, la_code: str) -> dict[str, int]:
    table = column.table
    rows = await session.execute(select(column, func.count()).where(
        table.c.la_code == la_code).group_by(column))
    return {str(k): int(n) for k, n in rows.all()}


async def dashboard(session: AsyncSession, la_code: str, today: date) -> dict[str, Any]:
    month_start = today.replace(day=1)
    breached = or_(and_(deadline.c.status == "open", deadline.c.due_on < today),
                   and_(deadline.c.status == "closed", deadline.c.closed_on > deadline.c.due_on))
    breaches = await session.execute(select(deadline.c.kind, func.count()).where(
        deadline.c.la_code == la_code, deadline.c.due_on >= month_start,
        deadline.c.due_on <= today, breached).group_by(deadline.c.kind))
    by_kind = {k: int(n) for k, n in breaches.all()}
    open_count = await session.scalar(select(func.count()).select_from(deadline).where(
        deadline.c.la_code == la_code, deadline.c.status == "open"))
    overdue = await session.scalar(select(func.count()).select_from(deadline).where(
        deadline.c.la_code == la_code, deadline.c.status == "open", deadline.c.due_on < today))
    return {"as_of": today,
            "requests_by_stage": await _counts(session, assessment_request.c.status, la_code),
            "plans_by_status": await _counts(session, plan.c.status, la_code),
            "open_deadlines": int(open_count or 0), "overdue_deadlines": int(overdue or 0),
            "breaches_this_month": sum(by_kind.values()), "breaches_by_kind": by_kind}


async def timeliness(session: AsyncSession, la_code: str, start: date,
                     end: date) -> dict[str, Any]:
    """R13.2, R1.14, R0.5: new plans first issued in [start, end]: % within 20 weeks including
    and excluding exception cases, and the average weeks taken."""
    issued = (await session.execute(
        select(plan.c.request_id, plan.c.first_issued_on, assessment_request.c.received_on)
        .join(assessment_request, assessment_request.c.id == plan.c.request_id)
        .where(plan.c.la_code == la_code, plan.c.origin == "new",
               plan.c.first_issued_on >= start, plan.c.first_issued_on <= end))).all()
    exceptions = await _exceptions(session, [r.request_id for r in issued])
    rows = []
    for r in issued:
        t = rules.final_plan_timeliness(r.received_on, r.first_issued_on,
                                        exceptions.get(r.request_id, []))
        rows.append((r.received_on, r.first_issued_on, t.exception_applies, t.weeks_taken))
    figures = rules.timeliness_figures((a, b, c) for a, b, c, _ in rows)
    average = round(sum(w for *_, w in rows) / len(rows), 1) if rows else None
    return {"from": start, "to": end, **asdict(figures), "average_weeks": average}


async def _exceptions(session: AsyncSession,
                      request_ids: list[str]) -> dict[str, list[TimelineException]]:
    found: dict[str, list[TimelineException]] = {}
    for start in range(0, len(request_ids), 1000):
        rows = (await session.execute(select(timeline_exception).where(
            timeline_exception.c.request_id.in_(request_ids[start:start + 1000]),
            timeline_exception.c.advice_request_id.is_(None)))).mappings().all()
        for r in rows:
            found.setdefault(r["request_id"], []).append(TimelineException(
                kind=ExceptionKind(r["kind"]), evidence=r["evidence"], starts_on=r["starts_on"],
                ends_on=r["ends_on"], advice_requested_on=r["advice_requested_on"]))
    return found
