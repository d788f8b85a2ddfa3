"""Request and response models of personal budgets. Money is integer pence: an amount with
a fraction of a penny, or below zero, is refused naming the rule (domain.money)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field, StrictFloat, StrictInt

from budgets.domain.enums import (
    BudgetStatus,
    Decision,
    FundingStream,
    Mechanism,
    RequestContext,
)

Text = Field(min_length=1, max_length=4000)


class BudgetRequestCreate(BaseModel):
    case_id: str = Field(min_length=1, max_length=36)
    received_on: date | None = Field(default=None, description="default: today")


class InformationCreate(BaseModel):
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
    components: list[ComponentIn] = Field(max_length=50)
    outcomes_supported: list[str] = Field(default_factory=list, max_length=50)
    flexibility: str = Field(default="", max_length=4000)


class DecisionCreate(BaseModel):
    decision: Decision
    decided_on: date
    reasons: str | None = Field(default=None, max_length=4000)


class ReviewRequestCreate(BaseModel):
    requested_on: date
    grounds: str = Text


class ComponentRead(BaseModel):
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
    items: list[BudgetRead]
    total: int
    limit: int
    offset: int
