"""API models of ceasing to maintain an EHC plan (R4.1-R4.5) and appeals against it."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field


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
