"""The events the budgets service publishes (EVENTS.md, budgets table). Money is pence."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from common.deadline_alerts import (
    DeadlineApproachingV1,
    DeadlineMissedV1,
    approaching_type,
    missed_type,
)
from common.messaging.registry import EventRegistry

SERVICE = "budgets"
registry = EventRegistry(SERVICE)

POLICY_PUBLISHED = "send.budgets.policy.published.v1"
REQUEST_RECEIVED = "send.budgets.request.received.v1"
DECISION_MADE = "send.budgets.decision.made.v1"
SECTION_J_PREPARED = "send.budgets.section_j.prepared.v1"
SETTING_AGREEMENT_REQUESTED = "send.budgets.setting_agreement.requested.v1"
DEADLINE_APPROACHING = approaching_type(SERVICE)
DEADLINE_MISSED = missed_type(SERVICE)

Pence = Field(ge=0, strict=True, description="integer pence")


class PolicyPublishedV1(BaseModel):
    la_code: str
    policy_id: str
    version: int
    published_on: date
    summary: str
    url: str | None = None


class RequestReceivedV1(BaseModel):
    case_id: str
    budget_request_id: str
    received_on: date
    context: str | None = None  # optional extra: plan_in_preparation / review_or_reassessment


class DecisionMadeV1(BaseModel):
    case_id: str
    budget_request_id: str
    decision: Literal["agreed", "refused"]
    decided_on: date
    total_pence: int | None = Field(default=None, ge=0, strict=True)
    reasons: str | None = None
    review_right: bool | None = None  # optional extra: R7.8, set on a refusal


class FundedLineV1(BaseModel):
    funding_stream: Literal["education", "health", "social_care"]
    provision: str
    mechanism: Literal["direct_payment", "notional", "third_party"] | None = None
    annual_pence: int = Pence
    block_commissioned: bool


class DirectPaymentArrangementV1(BaseModel):
    provision: str
    annual_pence: int = Pence
    needs_met: list[str]
    outcomes_met: list[str]
    status: str
    setting_name: str | None = None
    setting_agreement: str | None = None


class SectionJV1(BaseModel):
    budget_request_id: str
    revision: int = Field(ge=1, description="later revisions replace earlier ones")
    outcomes_supported: list[str]
    provision_funded: list[FundedLineV1]
    flexibility: str
    direct_payments: list[DirectPaymentArrangementV1]
    total_pence: int = Pence
    text: str = Field(description="the section as it reads in the plan")


class SectionJPreparedV1(BaseModel):
    case_id: str
    plan_id: str | None = None
    section_j: SectionJV1


class SettingV1(BaseModel):
    name: str
    urn: str | None = None


class SettingAgreementRequestedV1(BaseModel):
    case_id: str
    setting: SettingV1
    requested_on: date
    direct_payment_id: str | None = None  # optional extra: what the setting answers about
    provision: str | None = None  # optional extra


_MODELS: list[tuple[str, type[BaseModel]]] = [
    (POLICY_PUBLISHED, PolicyPublishedV1), (REQUEST_RECEIVED, RequestReceivedV1),
    (DECISION_MADE, DecisionMadeV1), (SECTION_J_PREPARED, SectionJPreparedV1),
    (SETTING_AGREEMENT_REQUESTED, SettingAgreementRequestedV1),
    (DEADLINE_APPROACHING, DeadlineApproachingV1), (DEADLINE_MISSED, DeadlineMissedV1),
]
for _type, _model in _MODELS:
    registry.register(_type, _model)
