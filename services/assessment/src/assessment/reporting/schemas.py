"""API models of the caseworker's views: the work tray, the case timeline, the dashboard and
the timeliness report (R13.2)."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, Field


class DeadlineRead(BaseModel):
    id: str
    case_id: str
    kind: str
    due_on: date
    status: str
    closed_on: date | None
    owner_team: str | None
    owner_caseworker_id: str | None
    given_name: str | None = Field(default=None, description="the child's, beside case_id")
    family_name: str | None = None
    date_of_birth: date | None = None
    days_left: int


class DeadlinePage(BaseModel):
    items: list[DeadlineRead]
    total: int = Field(description="matching deadlines, counted up to total_cap + 1")
    total_is_exact: bool = Field(description="false when more than total_cap match")
    total_cap: int
    limit: int
    offset: int
class TimelineItem(BaseModel):
    on: date
    kind: str
    type: str
    data: dict[str, Any]


class TimelineRead(BaseModel):
    case_id: str
    given_name: str
    family_name: str
    date_of_birth: date
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
