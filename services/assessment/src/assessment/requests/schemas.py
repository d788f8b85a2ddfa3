"""API models of requests for an EHC needs assessment, referrals, health notifications and
the decisions on them (R1.4, R1.11)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assessment.cases.schemas import CaseCreate
from assessment.domain.model import RequesterType
from assessment.domain.status import RequestStatus
from common.bounds import StatutoryDate


class RequestCreate(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "requester_type": "parent", "received_on": "2026-03-02",
        "requester_name": "Ngozi Okafor"}]})

    requester_type: RequesterType
    received_on: StatutoryDate
    requester_name: str | None = Field(default=None, max_length=200)


class ReferralCreate(BaseModel):
    """Someone who may not request brings the child to the LA's attention (R1.1)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "source": "social_care", "received_on": "2026-03-02", "requester_name": "J Smith"}]})

    source: Literal["social_care", "early_years", "youth_offending_team", "health", "la",
                    "other"]
    received_on: StatutoryDate
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
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "request_id": "9b2e4f60-1c3d-4e5f-8a9b-0c1d2e3f4a5b",
        "case_id": "3f1d2a7e-8b6c-4d5e-9f10-2a3b4c5d6e7f", "notifier_org_code": "RJ1",
        "received_on": "2026-03-02", "decision_due_on": "2026-04-13",
        "status": "awaiting_decision"}]})

    request_id: str
    case_id: str
    notifier_org_code: str
    received_on: date
    decision_due_on: date
    status: RequestStatus


class RequestRead(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "id": "9b2e4f60-1c3d-4e5f-8a9b-0c1d2e3f4a5b",
        "case_id": "3f1d2a7e-8b6c-4d5e-9f10-2a3b4c5d6e7f", "requester_type": "parent",
        "referral_source": None, "notifier_org_code": None, "received_on": "2026-03-02",
        "decision_due_on": "2026-04-13", "no_plan_notice_due_on": "2026-06-22",
        "final_plan_due_on": "2026-07-20", "repeat_within_six_months": True,
        "last_assessment_ended_on": "2025-12-01", "status": "awaiting_decision",
        "decision": None, "decided_on": None, "plan_outcome": None, "plan_outcome_on": None}]})

    id: str
    case_id: str
    requester_type: str
    referral_source: str | None = None
    notifier_org_code: str | None = None
    received_on: date
    decision_due_on: date
    no_plan_notice_due_on: date
    final_plan_due_on: date
    repeat_within_six_months: bool = Field(
        description="R1.6: an EHC needs assessment of the person ended (final plan issued, or "
        "notice that no plan will be made) in the six months before this request")
    last_assessment_ended_on: date | None = Field(
        default=None, description="R1.6: the day the last assessment ended, if any")
    status: RequestStatus
    decision: str | None
    decided_on: date | None
    plan_outcome: str | None = None
    plan_outcome_on: date | None = None


class DecisionCreate(BaseModel):
    """R1.4: the LA's decision whether to assess; a refusal is appealable (R1.5)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "decision": "assess", "decided_on": "2026-04-08", "notified_on": "2026-04-09"}]})

    decision: Literal["assess", "refuse"]
    decided_on: StatutoryDate
    notified_on: StatutoryDate | None = Field(default=None, description="defaults to decided_on")
    reasons: str | None = Field(default=None, max_length=10000)


class NoPlanDecisionCreate(BaseModel):
    """R1.11: after assessing, the decision not to issue a plan and the day it was notified;
    the notice ends the assessment (R1.6 counts from it)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "decided_on": "2026-06-15", "notified_on": "2026-06-16",
        "reasons": "The assessment found the needs can be met at SEN support."}]})

    decided_on: StatutoryDate
    notified_on: StatutoryDate | None = None
    reasons: str = Field(min_length=1, max_length=10_000)
