"""API models of reviews of an EHC plan (R3.1-R3.4) and re-assessment (R3.8)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assessment.ceasing.schemas import CEASE_GROUNDS
from assessment.domain.status import ReviewStatus
from common.bounds import StatutoryDate


class ReviewCreate(BaseModel):
    """R3.3: the review meeting, with at least 2 weeks' notice."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "kind": "annual", "invited_on": "2026-12-01", "meeting_on": "2026-12-15",
        "advice_circulated_with_invitations": True}]})

    kind: Literal["annual", "under5", "phase_transfer", "other"] = "annual"
    invited_on: StatutoryDate
    meeting_on: StatutoryDate
    advice_circulated_with_invitations: bool = Field(
        default=True, description="R3.3: the advice and information went out with the "
        "invitations; false opens a deadline (2 weeks before the meeting) closed by "
        "POST /v1/reviews/{id}/advice-circulated")


class AdviceCirculated(BaseModel):
    """R3.3: the day the advice and information went to every invitee (late is recorded)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"circulated_on": "2026-12-01"}]})

    circulated_on: StatutoryDate


class ReviewReport(BaseModel):
    """R3.4: the day the review report was sent (within 2 weeks of the meeting)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"report_on": "2026-12-22"}]})

    report_on: StatutoryDate


class ReviewDecision(BaseModel):
    """R3.4: maintain, amend or cease, within 4 weeks of the meeting."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "outcome": "amend", "decided_on": "2027-01-08", "notified_on": "2027-01-08"}]})

    outcome: Literal["maintain", "amend", "cease"]
    decided_on: StatutoryDate
    notified_on: StatutoryDate | None = None
    cease_ground: str | None = Field(default=None, max_length=60,
                                     json_schema_extra=CEASE_GROUNDS,
                                     description="when ceasing: one of R4.1's two grounds")
    cease_detail: str | None = Field(default=None, max_length=10_000)
    ceases_on: StatutoryDate | None = Field(default=None, description="when ceasing; default the "
                                   "notice date")


class ReviewRead(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "id": "c4d5e6f7-0a1b-4c2d-8e3f-4a5b6c7d8e9f",
        "plan_id": "1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9",
        "case_id": "3f1d2a7e-8b6c-4d5e-9f10-2a3b4c5d6e7f", "kind": "annual",
        "due_on": "2027-02-01", "invited_on": "2026-12-01", "meeting_on": "2026-12-15",
        "advice_circulated_by": "2026-12-01", "advice_circulated_on": "2026-12-01",
        "advice_circulated_late": False, "report_due_on": "2026-12-29", "report_on": None,
        "decision_due_on": "2027-01-12", "outcome": None, "decided_on": None,
        "amended_plan_due_on": None, "next_review_due_on": None, "status": "meeting_set"}]})

    id: str
    plan_id: str
    case_id: str
    kind: str
    due_on: date
    invited_on: date | None
    meeting_on: date | None
    advice_circulated_by: date | None = None
    advice_circulated_on: date | None = None
    advice_circulated_late: bool | None = None
    report_due_on: date | None
    report_on: date | None
    decision_due_on: date | None
    outcome: str | None
    decided_on: date | None
    amended_plan_due_on: date | None
    next_review_due_on: date | None
    status: ReviewStatus


class ReassessmentCreate(BaseModel):
    """R3.8: the day the family was told the plan will be re-assessed."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"notified_on": "2026-03-02"}]})

    notified_on: StatutoryDate


class DueRead(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "kind": "reassessment_plan_due", "due_on": "2026-06-08"}]})

    kind: str
    due_on: date
