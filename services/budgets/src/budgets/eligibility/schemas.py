"""Whether a personal budget may be asked for now (R7.1)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from budgets.domain.enums import PlanStage, RequestContext


class EligibilityRead(BaseModel):
    case_id: str
    stage: PlanStage | None
    stage_since: date | None
    plan_id: str | None
    next_review_due_on: date | None
    may_request: bool
    context: RequestContext | None
    reason: str | None
