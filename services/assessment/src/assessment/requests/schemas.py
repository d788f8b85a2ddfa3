"""API models of requests for an EHC needs assessment, referrals, health notifications and
the decisions on them (R1.4, R1.11)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assessment.cases.schemas import CaseCreate
from assessment.domain.model import RequesterType
from common.bounds import StatutoryDate


class RequestCreate(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "requester_type": "parent", "received_on": "2026-03-02",
        "requester_name": "Ngozi Okafor"}]})

    requester_type: RequesterType
    received_on: date
    requester_name: str | None = Field(default=None, max_length=200)


class ReferralCreate(BaseModel):
    """Someone who may not request brings the child to the LA's attention (R1.1)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "source": "social_care", "received_on": "2026-03-02", "requester_name": "J Smith"}]})

    source: Literal["social_care", "early_years", "youth_offending_team", "health", "la",
                    "other"]
    received_on: date
    requester_name: str | None = Field(default=None, max_length=200)


class HealthNotificationCreate(BaseModel):
    """R1.15: a health body tells the LA of a child under compulsory school age."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "child": {"given_name": "Ada", "family_name": "Lee", "date_of_birth": "2023-05-01",
                  "nhs_number": "9434765919",
                  "contacts": [{"role": "parent", "name": "Sam Lee",
                                "email": "sam@example.org"}]},
        "parent_informed_on": "2026-02-20", "received_on": "2026-03-02"}]})

    child: CaseCreate
    parent_informed_on: StatutoryDate
    received_on: StatutoryDate
    requester_name: str | None = Field(default=None, max_length=200)
    summary: str | None = Field(default=None, max_length=5000)


class HealthNotificationRead(BaseModel):
    """The request a health body's notification started (R1.15), as the body sees it."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "request_id": "7b2c1e0a-4d5f-4a6b-9c8d-0e1f2a3b4c5d",
        "case_id": "3f1d2c4e-8a7b-4c1d-9e2f-0a1b2c3d4e5f", "notifier_org_code": "RJ1",
        "received_on": "2026-03-02", "decision_due_on": "2026-04-13",
        "status": "awaiting_decision"}]})

    request_id: str
    case_id: str
    notifier_org_code: str
    received_on: date
    decision_due_on: date
    status: str


class RequestRead(BaseModel):
    id: str
    case_id: str
    requester_type: str
    referral_source: str | None = None
    notifier_org_code: str | None = None
    received_on: date
    decision_due_on: date
    no_plan_notice_due_on: date
    final_plan_due_on: date
    repeat_within_six_months: bool
    status: str
    decision: str | None
    decided_on: date | None
    plan_outcome: str | None = None
    plan_outcome_on: date | None = None


class DecisionCreate(BaseModel):
    decision: Literal["assess", "refuse"]
    decided_on: date
    notified_on: date | None = Field(default=None, description="defaults to decided_on")
    reasons: str | None = Field(default=None, max_length=10000)




class NoPlanDecisionCreate(BaseModel):
    decided_on: date
    notified_on: date | None = None
    reasons: str = Field(min_length=1, max_length=10_000)
