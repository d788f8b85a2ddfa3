"""Request and response models of direct payments (integer pence)."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, Field, StrictFloat, StrictInt

from budgets.budgets.schemas import examples, page_of
from budgets.domain.enums import (
    DirectPaymentReviewKind,
    DirectPaymentStatus,
    LedgerEntryKind,
    PaymentFrequency,
    SettingAgreement,
)

Amount = StrictInt | StrictFloat

DIRECT_PAYMENT_EXAMPLE: dict[str, Any] = {
    "id": "7c8d9e0f-4444-4000-8000-000000000001",
    "case_id": "6d1c2f9a-1111-4000-8000-000000000001",
    "budget_id": "5a2b3c4d-3333-4000-8000-000000000001", "status": "stopped",
    "annual_pence": 520000,
    "conditions": {"used_for_agreed_provision": True, "in_best_interests": True,
                   "no_adverse_impact_on_others": True, "efficient_use_of_resources": True,
                   "recipient_under_justice_requirement": False},
    "conditions_met": True, "conditions_checked_on": "2026-03-25",
    "setting_agreement": "agreed", "setting_name": "Oak Primary School", "setting_urn": "123456",
    "setting_requested_on": "2026-03-20", "setting_answered_on": "2026-03-27",
    "consent_given_on": "2026-03-28", "consent_withdrawn_on": "2026-09-14",
    "activated_on": "2026-04-01", "stopped_on": "2026-09-14",
    "stop_reason": "consent withdrawn", "frequency": "monthly", "instalment_pence": 43333,
    "first_payment_on": "2026-04-01",
    "schedule": [{"due_on": "2026-04-01", "amount_pence": 43333},
                 {"due_on": "2026-05-01", "amount_pence": 43333}],
    "balance_pence": 12000, "paid_pence": 216665, "version": 9}


class ConditionsCreate(BaseModel):
    model_config = examples({"checked_on": "2026-03-25", "used_for_agreed_provision": True,
                             "in_best_interests": True, "no_adverse_impact_on_others": True,
                             "efficient_use_of_resources": True,
                             "recipient_under_justice_requirement": False})

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
    model_config = examples({"agreed": True, "answered_on": "2026-03-27",
                             "answered_by": "A. Head, headteacher"})

    """R7.7: the head's or principal's answer, recorded by the setting."""

    agreed: bool
    answered_on: date
    answered_by: str = Field(min_length=1, max_length=200, description="head or principal")


class ConsentCreate(BaseModel):
    model_config = examples({"given_on": "2026-03-28", "recipient_name": "Ngozi Okafor"})

    given_on: date
    recipient_name: str = Field(min_length=1, max_length=200)


class WithdrawalCreate(BaseModel):
    model_config = examples({"withdrawn_on": "2026-09-14"})

    withdrawn_on: date


class ActivationCreate(BaseModel):
    model_config = examples({"activated_on": "2026-04-01", "frequency": "monthly",
                             "instalment_pence": 43333, "first_payment_on": "2026-04-01"})

    activated_on: date
    frequency: PaymentFrequency
    instalment_pence: Amount
    first_payment_on: date


class LedgerEntryCreate(BaseModel):
    model_config = examples(
        {"kind": "payment", "entry_on": "2026-04-01", "amount_pence": 43333},
        {"kind": "spend", "entry_on": "2026-04-09", "amount_pence": 31333,
         "note": "four therapy sessions"})

    kind: LedgerEntryKind
    entry_on: date
    amount_pence: Amount
    note: str | None = Field(default=None, max_length=2000)


class ReviewCreate(BaseModel):
    model_config = examples({"kind": "first", "reviewed_on": "2026-06-25",
                             "summary": "Sessions weekly as agreed; records kept"})

    kind: DirectPaymentReviewKind
    reviewed_on: date
    summary: str = Field(min_length=1, max_length=4000)


class ReductionCreate(BaseModel):
    model_config = examples({"to_annual_pence": 390000, "notice_given_on": "2026-07-01",
                             "effective_on": "2026-08-01",
                             "reasons": "Therapy reduced to fortnightly at the annual review"})

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
    model_config = examples({
        "direct_payment_id": "7c8d9e0f-4444-4000-8000-000000000001", "balance_pence": 12000,
        "paid_pence": 43333,
        "entries": [{"sequence": 1, "kind": "payment", "entry_on": "2026-04-01",
                     "amount_pence": 43333, "balance_after_pence": 43333,
                     "note": "April instalment"},
                    {"sequence": 2, "kind": "spend", "entry_on": "2026-04-09",
                     "amount_pence": 31333, "balance_after_pence": 12000,
                     "note": "four therapy sessions"}]})

    direct_payment_id: str
    balance_pence: int
    paid_pence: int
    entries: list[LedgerEntryRead]


class InstalmentRead(BaseModel):
    due_on: date
    amount_pence: int


class DirectPaymentRead(BaseModel):
    model_config = examples(DIRECT_PAYMENT_EXAMPLE)

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
    model_config = page_of(DIRECT_PAYMENT_EXAMPLE)

    items: list[DirectPaymentRead]
    total: int
    limit: int
    offset: int
