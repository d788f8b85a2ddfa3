"""Request and response models of direct payments (integer pence)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field, StrictFloat, StrictInt

from budgets.domain.enums import (
    DirectPaymentReviewKind,
    DirectPaymentStatus,
    LedgerEntryKind,
    PaymentFrequency,
    SettingAgreement,
)

Amount = StrictInt | StrictFloat


class ConditionsCreate(BaseModel):
    """R7.6, as the LA checked them."""

    checked_on: date
    used_for_agreed_provision: bool
    in_best_interests: bool
    no_adverse_impact_on_others: bool
    efficient_use_of_resources: bool
    recipient_under_justice_requirement: bool = Field(
        description="the recipient is under a listed criminal-justice drug or alcohol "
                    "requirement (no direct payment then)")


class SettingAnswerCreate(BaseModel):
    """R7.7: the head's or principal's answer, recorded by the setting."""

    agreed: bool
    answered_on: date
    answered_by: str = Field(min_length=1, max_length=200, description="head or principal")


class ConsentCreate(BaseModel):
    given_on: date
    recipient_name: str = Field(min_length=1, max_length=200)


class WithdrawalCreate(BaseModel):
    withdrawn_on: date


class ActivationCreate(BaseModel):
    activated_on: date
    frequency: PaymentFrequency
    instalment_pence: Amount
    first_payment_on: date


class LedgerEntryCreate(BaseModel):
    kind: LedgerEntryKind
    entry_on: date
    amount_pence: Amount
    note: str | None = Field(default=None, max_length=2000)


class ReviewCreate(BaseModel):
    kind: DirectPaymentReviewKind
    reviewed_on: date
    summary: str = Field(min_length=1, max_length=4000)


class ReductionCreate(BaseModel):
    """R7.9: a reduction with notice and reasons."""

    to_annual_pence: Amount
    notice_given_on: date
    effective_on: date
    reasons: str = Field(min_length=1, max_length=4000)


class LedgerEntryRead(BaseModel):
    sequence: int
    kind: LedgerEntryKind
    entry_on: date
    amount_pence: int
    balance_after_pence: int
    note: str | None


class LedgerRead(BaseModel):
    direct_payment_id: str
    balance_pence: int
    paid_pence: int
    entries: list[LedgerEntryRead]


class InstalmentRead(BaseModel):
    due_on: date
    amount_pence: int


class DirectPaymentRead(BaseModel):
    id: str
    case_id: str
    budget_id: str
    status: DirectPaymentStatus
    annual_pence: int
    conditions: dict[str, bool] | None
    conditions_met: bool | None
    conditions_checked_on: date | None
    setting_agreement: SettingAgreement
    setting_name: str | None
    setting_urn: str | None
    setting_requested_on: date | None
    setting_answered_on: date | None
    consent_given_on: date | None
    consent_withdrawn_on: date | None
    activated_on: date | None
    stopped_on: date | None
    stop_reason: str | None
    frequency: PaymentFrequency | None
    instalment_pence: int | None
    first_payment_on: date | None
    schedule: list[InstalmentRead] = Field(description="the first year's instalments")
    balance_pence: int
    paid_pence: int
    version: int


class DirectPaymentPage(BaseModel):
    items: list[DirectPaymentRead]
    total: int
    limit: int
    offset: int
