"""Request and response models of personal budgets. Money is integer pence: an amount with
a fraction of a penny, or below zero, is refused naming the rule (domain.money)."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt

from budgets.domain.enums import (
    BudgetStatus,
    Decision,
    FundingStream,
    Mechanism,
    RequestContext,
)

Text = Field(min_length=1, max_length=4000)


def examples(*items: dict[str, Any]) -> ConfigDict:
    """OpenAPI examples for a request or response model (the budgets service's features
    share this one)."""
    return ConfigDict(json_schema_extra={"examples": list(items)})


def page_of(*items: dict[str, Any]) -> ConfigDict:
    """OpenAPI examples for a page holding `items`."""
    return examples({"items": list(items), "total": len(items), "limit": 50, "offset": 0})


COMPONENT_EXAMPLE: dict[str, Any] = {
    "funding_stream": "education", "provision": "speech and language therapy in school",
    "annual_pence": 520000, "mechanism": "direct_payment", "block_commissioned": False,
    "school_or_college_place": False, "on_setting_premises": True,
    "setting_name": "Oak Primary School", "setting_urn": "123456",
    "needs_met": ["speech, language and communication"],
    "outcomes_met": ["to talk with friends at play time"]}
BUDGET_EXAMPLE: dict[str, Any] = {
    "id": "5a2b3c4d-3333-4000-8000-000000000001", "case_id": "6d1c2f9a-1111-4000-8000-000000000001",
    "plan_id": "5d6e7f80-9a0b-4c1d-8e2f-3a4b5c6d7e8f", "status": "agreed",
    "context": "plan_in_preparation", "requested_by": "family", "received_on": "2026-03-02",
    "information_given_on": "2026-03-04",
    "outcomes_supported": ["to talk with friends at play time"],
    "flexibility": "the family chooses the therapist", "total_pence": 520000,
    "decision": "agreed", "decided_on": "2026-03-20", "reasons": "Meets the outcomes in section E",
    "review_right": False, "review_requested_on": "2026-03-24", "review_due_on": "2026-04-21",
    "reopened_on": "2027-03-01", "version": 5,
    "components": [{"id": "9e0f1a2b-5555-4000-8000-000000000001", **COMPONENT_EXAMPLE}]}


class BudgetRequestCreate(BaseModel):
    model_config = examples({"case_id": "6d1c2f9a-1111-4000-8000-000000000001",
                             "received_on": "2026-03-02"})

    case_id: str = Field(min_length=1, max_length=36)
    received_on: date | None = Field(default=None, description="default: today")


class InformationCreate(BaseModel):
    model_config = examples({"given_on": "2026-03-04", "provision_covered": True,
                             "advice_sources": True, "direct_payment_conditions": True})

    """R7.3: what the family was told."""

    given_on: date
    provision_covered: bool = Field(description="what provision a budget may cover")
    advice_sources: bool = Field(description="where to get advice on personal budgets")
    direct_payment_conditions: bool = Field(description="the direct payment conditions")


class ComponentIn(BaseModel):
    funding_stream: FundingStream
    provision: str = Text
    annual_pence: StrictInt | StrictFloat = Field(description="integer pence a year")
    mechanism: Mechanism | None = None
    block_commissioned: bool = False
    school_or_college_place: bool = False
    on_setting_premises: bool = False
    setting_name: str | None = Field(default=None, max_length=200)
    setting_urn: str | None = Field(default=None, max_length=20)
    needs_met: list[str] = Field(default_factory=list, max_length=50)
    outcomes_met: list[str] = Field(default_factory=list, max_length=50)


class PreparationUpdate(BaseModel):
    model_config = examples({"components": [COMPONENT_EXAMPLE],
                             "outcomes_supported": ["to talk with friends at play time"],
                             "flexibility": "the family chooses the therapist"})

    components: list[ComponentIn] = Field(max_length=50)
    outcomes_supported: list[str] = Field(default_factory=list, max_length=50)
    flexibility: str = Field(default="", max_length=4000)


class DecisionCreate(BaseModel):
    model_config = examples(
        {"decision": "agreed", "decided_on": "2026-03-20"},
        {"decision": "refused", "decided_on": "2026-03-20",
         "reasons": "A direct payment would not be an efficient use of resources"})

    decision: Decision
    decided_on: date
    reasons: str | None = Field(default=None, max_length=4000)


class ReviewRequestCreate(BaseModel):
    model_config = examples({"requested_on": "2026-03-24",
                             "grounds": "The therapist we chose costs no more than the LA's"})

    requested_on: date
    grounds: str = Text


class ComponentRead(BaseModel):
    model_config = examples({"id": "9e0f1a2b-5555-4000-8000-000000000001",
                             **COMPONENT_EXAMPLE})

    id: str
    funding_stream: FundingStream
    provision: str
    annual_pence: int
    mechanism: Mechanism | None
    block_commissioned: bool
    school_or_college_place: bool
    on_setting_premises: bool
    setting_name: str | None
    setting_urn: str | None
    needs_met: list[str]
    outcomes_met: list[str]


class BudgetRead(BaseModel):
    model_config = examples(BUDGET_EXAMPLE)

    id: str
    case_id: str
    plan_id: str | None
    status: BudgetStatus
    context: RequestContext
    requested_by: str
    received_on: date
    information_given_on: date | None
    outcomes_supported: list[str]
    flexibility: str | None
    total_pence: int | None
    decision: Decision | None
    decided_on: date | None
    reasons: str | None
    review_right: bool = Field(description="R7.8: a refusal may be reviewed on request")
    review_requested_on: date | None
    review_due_on: date | None
    reopened_on: date | None
    version: int
    components: list[ComponentRead]


class BudgetPage(BaseModel):
    model_config = page_of(BUDGET_EXAMPLE)

    items: list[BudgetRead]
    total: int
    limit: int
    offset: int
