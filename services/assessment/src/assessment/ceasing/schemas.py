"""API models of ceasing to maintain an EHC plan (R4.1-R4.5) and appeals against it."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

EARLIEST_DAY = date(1900, 1, 1)
LATEST_DAY = date(2199, 12, 31)  # far enough for any plan, short of a date overflow


class CeaseProposalCreate(BaseModel):
    """R4.1-R4.5: a proposal to cease, after consulting the family and institution."""

    ground: str = Field(min_length=1, max_length=60)
    detail: str = Field(min_length=1, max_length=10_000)
    consulted_on: date
    in_education_or_training: bool | None = Field(
        default=None, description="R4.3; when left out, what the case's education records "
        "show on consulted_on (GET /v1/cases/{case_id}/education)")
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


class CeaseInsteadOfTransfer(BaseModel):
    """R5.5: the LA decides to cease a statement (or LDA) instead of transferring it."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "decided_on": "2026-02-20", "notified_on": "2026-02-23",
        "reasons": "The transfer review found the needs are met without a plan."}]})

    decided_on: date = Field(ge=EARLIEST_DAY, le=LATEST_DAY)
    notified_on: date | None = Field(default=None, ge=EARLIEST_DAY, le=LATEST_DAY,
                                     description="defaults to decided_on")
    reasons: str = Field(min_length=1, max_length=10_000, pattern=r"\S")


class CeasedInsteadRead(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "transfer_id": "6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
        "plan_id": "1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9",
        "case_id": "0b7e3f52-8d7c-4a55-bb3e-8f1c2d4e5a61", "decided_on": "2026-02-20",
        "notified_on": "2026-02-23", "decision_kind": "refuse_plan",
        "appeal_period_ends_on": "2026-04-23"}]})

    transfer_id: str
    plan_id: str
    case_id: str
    decided_on: date
    notified_on: date
    decision_kind: str
    appeal_period_ends_on: date
