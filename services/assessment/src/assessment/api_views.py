"""Routers for caseworker views: case timeline, dashboard, timeliness report (R13.2)."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Query
from pydantic import BaseModel

from assessment import service_views
from assessment.casework import load_case
from common.auth import CurrentPrincipal, LaStaff
from common.problems import Problem
from common.web import Runtime

router = APIRouter(prefix="/v1", tags=["views"])


class TimelineItem(BaseModel):
    on: date
    kind: str
    type: str
    data: dict[str, Any]


class TimelineRead(BaseModel):
    case_id: str
    items: list[TimelineItem]


class DashboardRead(BaseModel):
    as_of: date
    requests_by_stage: dict[str, int]
    plans_by_status: dict[str, int]
    open_deadlines: int
    overdue_deadlines: int
    breaches_this_month: int
    breaches_by_kind: dict[str, int]


class TimelinessRead(BaseModel):
    from_: date
    to: date
    plans: int
    within: int
    percent_including_exceptions: float | None
    plans_excluding_exceptions: int
    within_excluding_exceptions: int
    percent_excluding_exceptions: float | None
    average_weeks: float | None


@router.get("/cases/{case_id}/timeline", response_model=TimelineRead,
            summary="Every step, decision, exception and deadline of the case")
async def case_timeline(case_id: str, runtime: Runtime,
                        principal: CurrentPrincipal) -> TimelineRead:
    async with runtime.unit_of_work() as uow:
        await load_case(uow, principal, case_id)
        items = await service_views.timeline(uow.session, case_id)
    return TimelineRead(case_id=case_id, items=[TimelineItem(**i) for i in items])


@router.get("/dashboard", response_model=DashboardRead,
            summary="Counts by stage and the deadlines breached this month")
async def dashboard(runtime: Runtime, principal: LaStaff) -> DashboardRead:
    async with runtime.unit_of_work() as uow:
        data = await service_views.dashboard(uow.session, principal.la_code,
                                             runtime.clock.today())
    return DashboardRead(**data)


@router.get("/reports/timeliness", response_model=TimelinessRead,
            summary="% of new plans within 20 weeks, with and without exceptions (R13.2)")
async def timeliness(runtime: Runtime, principal: LaStaff,
                     start: date = Query(alias="from"), end: date = Query(alias="to")
                     ) -> TimelinessRead:
    if end < start:
        raise Problem(422, "`to` is before `from`", kind="validation-error")
    async with runtime.unit_of_work() as uow:
        data = await service_views.timeliness(uow.session, principal.la_code, start, end)
    return TimelinessRead(from_=data.pop("from"), **data)
