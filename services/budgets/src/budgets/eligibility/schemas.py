"""Whether a personal budget may be asked for now (R7.1)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from budgets.budgets.schemas import examples
from budgets.domain.enums import PlanStage, RequestContext


class EligibilityRead(BaseModel):
    model_config = examples({
        "case_id": "6d1c2f9a-1111-4000-8000-000000000001", "stage": "plan_in_preparation",
        "stage_since": "2026-02-20", "plan_id": "5d6e7f80-9a0b-4c1d-8e2f-3a4b5c6d7e8f",
        "next_review_due_on": "2027-02-19", "may_request": True,
        "context": "plan_in_preparation",
        "reason": "a plan is being prepared: a personal budget may be requested"})

    case_id: str
    stage: PlanStage | None
    stage_since: date | None
    plan_id: str | None
    next_review_due_on: date | None
    may_request: bool
    context: RequestContext | None
    reason: str | None
