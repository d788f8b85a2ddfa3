"""API models of the caseworker's views: the work tray, the case timeline, the dashboard and
the timeliness report (R13.2)."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

CASE_ID = "3f1d2c4e-8a7b-4c1d-9e2f-0a1b2c3d4e5f"


class DeadlineRead(BaseModel):
    id: str
    case_id: str
    kind: str
    label: str = Field(description="the deadline's name, with its time limit and rule")
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
    """One page of the work tray, by due date."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "items": [{"id": "9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d", "case_id": CASE_ID,
                   "kind": "decide_whether_to_assess",
                   "label": "Decide whether to assess (6 weeks, R1.4)", "due_on": "2026-04-13",
                   "status": "open", "closed_on": None, "owner_team": "north",
                   "owner_caseworker_id": "cw-17", "given_name": "Amara",
                   "family_name": "Okafor", "date_of_birth": "2019-03-14", "days_left": 42}],
        "total": 1, "total_is_exact": True, "total_cap": 10000, "limit": 50, "offset": 0}]})

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
    label: str | None = Field(default=None, description="a deadline's name (deadlines only)")
    data: dict[str, Any]


class TimelineRead(BaseModel):
    """A case's steps and deadlines by date, with the child it is about."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "case_id": CASE_ID, "given_name": "Amara", "family_name": "Okafor",
        "date_of_birth": "2019-03-14",
        "items": [{"on": "2026-03-02", "kind": "event",
                   "type": "send.assessment.request.received.v1",
                   "data": {"case_id": CASE_ID, "received_on": "2026-03-02"}},
                  {"on": "2026-04-13", "kind": "deadline", "type": "decide_whether_to_assess",
                   "label": "Decide whether to assess (6 weeks, R1.4)",
                   "data": {"deadline_id": "9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d",
                            "status": "open", "closed_on": None, "met": None}}]}]})

    case_id: str
    given_name: str
    family_name: str
    date_of_birth: date
    items: list[TimelineItem]


class DashboardRead(BaseModel):
    """The LA's caseload today: requests and plans by stage, open and breached deadlines."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "as_of": "2026-03-02",
        "requests_by_stage": {"awaiting_decision": 12, "assessing": 30, "plan_issued": 210},
        "plans_by_status": {"draft": 8, "issued": 640, "ceased": 22},
        "open_deadlines": 415, "overdue_deadlines": 9, "breaches_this_month": 2,
        "breaches_by_kind": {"advice_due": 2}}]})

    as_of: date
    requests_by_stage: dict[str, int]
    plans_by_status: dict[str, int]
    open_deadlines: int
    overdue_deadlines: int
    breaches_this_month: int
    breaches_by_kind: dict[str, int]


class TimelinessRead(BaseModel):
    """R13.2: new plans first issued in the period and how many within 20 weeks."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "from_": "2026-01-01", "to": "2026-03-31", "plans": 40, "within": 19,
        "percent_including_exceptions": 47.5, "plans_excluding_exceptions": 36,
        "within_excluding_exceptions": 19, "percent_excluding_exceptions": 52.8,
        "average_weeks": 21.4}]})

    from_: date
    to: date
    plans: int
    within: int
    percent_including_exceptions: float | None
    plans_excluding_exceptions: int
    within_excluding_exceptions: int
    percent_excluding_exceptions: float | None
    average_weeks: float | None
