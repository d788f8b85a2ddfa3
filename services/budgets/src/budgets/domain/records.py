"""The typed records the features' repositories return: plain frozen dataclasses over the
domain's enums and values, no framework."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from budgets.domain.enums import (
    BudgetStatus,
    Decision,
    DirectPaymentStatus,
    FundingStream,
    Mechanism,
    PaymentFrequency,
    PlanStage,
    PolicyStatus,
    RequestContext,
    SettingAgreement,
)
from budgets.domain.model import (
    BudgetState,
    Component,
    Conditions,
    DirectPaymentState,
    PolicyContent,
    ServiceInScope,
)


@dataclass(frozen=True, slots=True)
class StoredComponent:
    id: str
    component: Component


@dataclass(frozen=True, slots=True)
class Budget:
    id: str
    la_code: str
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
    review_requested_on: date | None
    review_due_on: date | None
    reopened_on: date | None
    preparation: int
    version: int

    @property
    def state(self) -> BudgetState:
        return BudgetState(self.status, self.received_on, self.information_given_on,
                           self.decided_on)


@dataclass(frozen=True, slots=True)
class DirectPayment:
    id: str
    la_code: str
    case_id: str
    budget_id: str
    component_id: str
    status: DirectPaymentStatus
    annual_pence: int
    conditions: dict[str, bool] | None
    conditions_checked_on: date | None
    setting_agreement: SettingAgreement
    setting_name: str | None
    setting_urn: str | None
    setting_requested_on: date | None
    setting_answered_on: date | None
    consent_given_on: date | None
    consent_withdrawn_on: date | None
    recipient_name: str | None
    activated_on: date | None
    stopped_on: date | None
    stop_reason: str | None
    frequency: PaymentFrequency | None
    instalment_pence: int | None
    first_payment_on: date | None
    balance_pence: int
    paid_pence: int
    version: int

    @property
    def conditions_met(self) -> bool | None:
        if self.conditions is None:
            return None
        return not Conditions(**self.conditions).unmet()

    @property
    def state(self) -> DirectPaymentState:
        return DirectPaymentState(self.status, self.setting_agreement, self.conditions_met,
                                  self.consent_given_on, self.consent_withdrawn_on,
                                  self.balance_pence, self.paid_pence, self.annual_pence)


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    sequence: int
    kind: str
    entry_on: date
    amount_pence: int
    balance_after_pence: int
    note: str | None


@dataclass(frozen=True, slots=True)
class Policy:
    id: str
    la_code: str
    version: int
    status: PolicyStatus
    title: str
    summary: str
    url: str | None
    content: dict[str, Any]
    published_on: date | None

    @property
    def domain_content(self) -> PolicyContent:
        c = self.content
        return PolicyContent(
            tuple(ServiceInScope(s["name"], FundingStream(s["funding_stream"]),
                                 s.get("description", "")) for s in c["services"]),
            c["funding_arrangements"], tuple(Mechanism(m) for m in c["mechanisms"]),
            tuple(c["eligibility_criteria"]), c["decision_process"])


@dataclass(frozen=True, slots=True)
class PlanCase:
    case_id: str
    la_code: str
    stage: PlanStage
    plan_id: str | None
    plan_issued_on: date | None
    next_review_due_on: date | None
    stage_since: date


@dataclass(frozen=True, slots=True)
class SectionJRevision:
    budget_id: str
    case_id: str
    plan_id: str | None
    revision: int
    content: dict[str, Any]
    prepared_on: date
