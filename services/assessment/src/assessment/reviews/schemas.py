"""API models of reviews of an EHC plan (R3.1-R3.4) and re-assessment (R3.8)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field


class ReviewCreate(BaseModel):
    """R3.3: the review meeting, with at least 2 weeks' notice."""

    kind: Literal["annual", "under5", "phase_transfer", "other"] = "annual"
    invited_on: date
    meeting_on: date
    advice_circulated_with_invitations: bool = Field(
        default=True, description="R3.3: the advice and information went out with the "
        "invitations; false opens a deadline (2 weeks before the meeting) closed by "
        "POST /v1/reviews/{id}/advice-circulated")


class AdviceCirculated(BaseModel):
    """R3.3: the day the advice and information went to every invitee (late is recorded)."""

    circulated_on: date


class ReviewReport(BaseModel):
    report_on: date


class ReviewDecision(BaseModel):
    """R3.4: maintain, amend or cease, within 4 weeks of the meeting."""

    outcome: Literal["maintain", "amend", "cease"]
    decided_on: date
    notified_on: date | None = None
    cease_ground: str | None = Field(default=None, max_length=60)
    cease_detail: str | None = Field(default=None, max_length=10_000)
    ceases_on: date | None = Field(default=None, description="when ceasing; default the "
                                   "notice date")


class ReviewRead(BaseModel):
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
    status: str


class ReassessmentCreate(BaseModel):
    notified_on: date


class DueRead(BaseModel):
    kind: str
    due_on: date
