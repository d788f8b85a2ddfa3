"""API models for reviews, amendments, phase transfers, re-assessment and ceasing."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from assessment.domain.model import PhaseTransferKind


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


class PhaseTransferRead(BaseModel):
    kind: str
    transfer_on: date
    named_by: date
    deadline_opened: bool = False


class PhaseTransferCreate(BaseModel):
    route: Literal["primary_secondary", "infant_junior", "three_tier"] = "primary_secondary"


class Post16MoveCreate(BaseModel):
    transfer_on: date
    institution: str = Field(min_length=1, max_length=200)


class ReassessmentCreate(BaseModel):
    notified_on: date


class DueRead(BaseModel):
    kind: str
    due_on: date


class CeaseProposalCreate(BaseModel):
    """R4.1-R4.5: a proposal to cease, after consulting the family and institution."""

    ground: str = Field(min_length=1, max_length=60)
    detail: str = Field(min_length=1, max_length=10_000)
    consulted_on: date
    in_education_or_training: bool = True
    leaving_review_completed: bool = False
    reason: Literal["employment", "higher_education", "moved_la", "reached_25",
                    "needs_met", "other"] = "other"


class CeaseDecision(BaseModel):
    decided_on: date
    notified_on: date | None = None
    ceases_on: date


class CeaseDone(BaseModel):
    """R4.5: the plan ceases; before the appeal period ends only if the family confirmed they
    will not appeal."""

    done_on: date
    family_will_not_appeal: bool = False
    certificate_issued_on: date | None = Field(
        default=None, description="a mediation certificate, if known: the appeal period runs "
        "to the later of 2 months after the notice and 1 month after it (R6.9)")


class AppealLodged(BaseModel):
    lodged_on: date


class AppealOutcome(BaseModel):
    decided_on: date
    outcome: Literal["upheld", "dismissed", "withdrawn"]


class CeaseProposalRead(BaseModel):
    id: str
    plan_id: str
    ground: str
    detail: str
    consulted_on: date
    decided_on: date | None
    notified_on: date | None = None
    appeal_period_ends_on: date | None = None
    ceases_on: date | None
    appeal_lodged_on: date | None
    appeal_outcome: str | None
    status: str


__all__ = ["PhaseTransferKind"]
