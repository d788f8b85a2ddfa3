"""Routers of the caseworker's views: the work tray, the case timeline, the dashboard and the
timeliness report (R13.2)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query

from assessment.cases.service import load_case
from assessment.domain.deadline_names import deadline_label
from assessment.domain.model import DeadlineKind
from assessment.reporting import repository, service
from assessment.reporting.schemas import (
    DashboardRead,
    DeadlinePage,
    DeadlineRead,
    TimelineItem,
    TimelineRead,
    TimelinessRead,
)
from common.auth import CurrentPrincipal, LaStaff
from common.bounds import EARLIEST_DATE, LATEST_DATE
from common.problems import Problem
from common.web import Runtime, Transaction

router = APIRouter(prefix="/v1", tags=["reporting"])


@router.get("/deadlines", response_model=DeadlinePage, summary="The work tray")
async def work_tray(uow: Transaction, runtime: Runtime, principal: LaStaff,
                    caseworker_id: str | None = None, team: str | None = None,
                    case_id: str | None = None,
                    kind: DeadlineKind | None = None,
                    deadline_status: Annotated[
                        str | None, Query(alias="status", pattern="^(open|closed)$")] = "open",
                    overdue: bool | None = None,
                    due_within_days: Annotated[int | None, Query(ge=0, le=3650)] = None,
                    sort: Annotated[str, Query(pattern="^-?due_on$")] = "due_on",
                    limit: Annotated[int, Query(ge=1, le=500)] = 50,
                    offset: Annotated[int, Query(ge=0)] = 0) -> DeadlinePage:
    """The LA's statutory deadlines (open by default), by due date: filter by caseworker,
    team, case, kind, overdue or due within N days. Each item names the child (name and
    date of birth) beside its case id; `total` is counted up to `total_cap` + 1."""
    today = runtime.clock.today()
    found, total = await repository.work_tray(
        uow.connection, principal.la_code,
        filters={"owner_caseworker_id": caseworker_id, "owner_team": team,
                 "case_id": case_id,
                 "kind": kind.value if kind else None, "status": deadline_status},
        as_of=today, due_within_days=due_within_days, overdue=overdue,
        limit=limit, offset=offset, newest_first=sort.startswith("-"))
    items = [DeadlineRead(**asdict(d), label=deadline_label(d.kind),
                          days_left=(d.due_on - today).days) for d in found]
    cap = repository.WORK_TRAY_COUNT_CAP
    return DeadlinePage(items=items, total=min(total, cap), total_is_exact=total <= cap,
                        total_cap=cap, limit=limit, offset=offset)


@router.get("/cases/{case_id}/timeline", response_model=TimelineRead,
            summary="Every step, decision, exception and deadline of the case")
async def case_timeline(case_id: str, uow: Transaction,
                        principal: CurrentPrincipal) -> TimelineRead:
    """Every step, decision and exception of the case and every deadline, by date (a step
    before a deadline on the same day), with the child's name and date of birth. LA staff
    and the family whose case it is."""
    child = await load_case(uow, principal, case_id)
    items = await service.timeline(uow.connection, case_id)
    return TimelineRead(case_id=case_id, given_name=child.given_name,
                        family_name=child.family_name, date_of_birth=child.date_of_birth,
                        items=[TimelineItem(**i, label=deadline_label(i["type"])
                                            if i["kind"] == "deadline" else None)
                               for i in items])


@router.get("/dashboard", response_model=DashboardRead,
            summary="Counts by stage and the deadlines breached this month")
async def dashboard(uow: Transaction, runtime: Runtime, principal: LaStaff) -> DashboardRead:
    """The LA's requests by stage, plans by status, open and overdue deadlines, and the
    deadlines breached this month by kind."""
    summary = await service.dashboard(uow.connection, principal.la_code,
                                      runtime.clock.today())
    return DashboardRead(**summary)


# the bounds of every statutory date (common.bounds), for the query parameters that are dates
DATE_BOUNDS: dict[str, Any] = {"ge": EARLIEST_DATE, "le": LATEST_DATE}


@router.get("/reports/timeliness", response_model=TimelinessRead,
            summary="% of new plans within 20 weeks, with and without exceptions (R13.2)")
async def timeliness(uow: Transaction, principal: LaStaff,
                     start: date = Query(alias="from", **DATE_BOUNDS),
                     end: date = Query(alias="to", **DATE_BOUNDS)
                     ) -> TimelinessRead:
    """R13.2: of the new plans first issued from `from` to `to`, how many within 20 weeks of
    the request (R1.14), including and excluding cases with an exception (R0.5, R1.9)."""
    if end < start:
        raise Problem(422, "`to` is before `from`", kind="validation-error")
    report = await service.timeliness(uow.connection, principal.la_code, start, end)
    return TimelinessRead(from_=report.pop("from"), **report)
