"""API models of ceasing to maintain an EHC plan (R4.1-R4.5) and appeals against it."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import JsonDict

from assessment.domain.model import CeaseGround
from common.bounds import StatutoryDate

# The values a client may send, published in the schema; the use case checks them itself,
# so that any other value is refused with the rule it breaks (R4.1, R4.2) and not a bare
# "not one of".
CEASE_GROUNDS: JsonDict = {"enum": [g.value for g in CeaseGround]}


class CeaseProposalCreate(BaseModel):
    """R4.1-R4.5: a proposal to cease, after consulting the family and institution."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "ground": "no_longer_necessary",
        "detail": "All outcomes in section E met; the college meets the needs at SEN support.",
        "consulted_on": "2026-02-10", "reason": "needs_met"}]})

    ground: str = Field(min_length=1, max_length=60, json_schema_extra=CEASE_GROUNDS,
                        description="R4.1: the LA is no longer responsible, or the plan is no "
                        "longer necessary; any other ground (being 19, cost) is refused with "
                        "the rule")
    detail: str = Field(min_length=1, max_length=10_000)
    consulted_on: StatutoryDate
    in_education_or_training: bool | None = Field(
        default=None, description="R4.3; when left out, what the case's education records "
        "show on consulted_on (GET /v1/cases/{case_id}/education)")
    leaving_review_completed: bool = False
    reason: Literal["employment", "higher_education", "moved_la", "reached_25",
                    "needs_met", "other"] = "other"


class CeaseDecision(BaseModel):
    """R4.5: the decision to cease, its notice and the day the plan is to cease (R4.4)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "decided_on": "2026-02-18", "notified_on": "2026-02-20", "ceases_on": "2026-04-21"}]})

    decided_on: StatutoryDate
    notified_on: StatutoryDate | None = None
    ceases_on: StatutoryDate


class CeaseDone(BaseModel):
    """R4.5: the plan ceases; before the appeal period ends only if the family confirmed they
    will not appeal."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "done_on": "2026-04-21", "family_will_not_appeal": False}]})

    done_on: StatutoryDate
    family_will_not_appeal: bool = False
    certificate_issued_on: StatutoryDate | None = Field(
        default=None, description="a mediation certificate, if known: the appeal period runs "
        "to the later of 2 months after the notice and 1 month after it (R6.9)")


class AppealLodged(BaseModel):
    """R6.1: the family appealed the decision to cease to the Tribunal."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"lodged_on": "2026-03-30"}]})

    lodged_on: StatutoryDate


class AppealOutcome(BaseModel):
    """The Tribunal's decision on the appeal (or its withdrawal)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "decided_on": "2026-09-14", "outcome": "dismissed"}]})

    decided_on: StatutoryDate
    outcome: Literal["upheld", "dismissed", "withdrawn"]


class CeaseProposalRead(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "id": "e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b",
        "plan_id": "1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9", "ground": "no_longer_necessary",
        "detail": "All outcomes in section E met; the college meets the needs at SEN support.",
        "consulted_on": "2026-02-10", "decided_on": "2026-02-18",
        "notified_on": "2026-02-20", "appeal_period_ends_on": "2026-04-20",
        "ceases_on": "2026-04-21", "appeal_lodged_on": None, "appeal_outcome": None,
        "status": "decided"}]})

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

    decided_on: StatutoryDate
    notified_on: StatutoryDate | None = Field(default=None,
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
