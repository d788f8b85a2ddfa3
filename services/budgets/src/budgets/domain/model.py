"""Value types shared by the features: pure data, no framework."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from budgets.domain.enums import (
    BudgetStatus,
    DirectPaymentStatus,
    FundingStream,
    Mechanism,
    SettingAgreement,
)


@dataclass(frozen=True, slots=True)
class ServiceInScope:
    """A service the policy says lends itself to a personal budget (R7.4)."""

    name: str
    funding_stream: FundingStream
    description: str = ""


@dataclass(frozen=True, slots=True)
class PolicyContent:
    """What R7.4 says a local personal budget policy sets out."""

    services: tuple[ServiceInScope, ...]
    funding_arrangements: str
    mechanisms: tuple[Mechanism, ...]
    eligibility_criteria: tuple[str, ...]
    decision_process: str


@dataclass(frozen=True, slots=True)
class Component:
    """One line of a personal budget: a funding stream's provision and how it is delivered.

    `mechanism` is None only for block-commissioned provision that cannot be disaggregated
    (R7.5), which is listed but is not part of the budget's total."""

    funding_stream: FundingStream
    provision: str
    annual_pence: int
    mechanism: Mechanism | None = None
    block_commissioned: bool = False
    school_or_college_place: bool = False
    on_setting_premises: bool = False
    setting_name: str | None = None
    setting_urn: str | None = None
    needs_met: tuple[str, ...] = ()
    outcomes_met: tuple[str, ...] = ()

    @property
    def is_direct_payment(self) -> bool:
        return self.mechanism is Mechanism.DIRECT_PAYMENT


@dataclass(frozen=True, slots=True)
class BudgetState:
    status: BudgetStatus
    received_on: date
    information_given_on: date | None = None
    decided_on: date | None = None


@dataclass(frozen=True, slots=True)
class Conditions:
    """The direct payment conditions as the LA checked them (R7.6)."""

    used_for_agreed_provision: bool
    in_best_interests: bool
    no_adverse_impact_on_others: bool
    efficient_use_of_resources: bool
    recipient_under_justice_requirement: bool

    def unmet(self) -> list[str]:
        unmet = [name for name in ("used_for_agreed_provision", "in_best_interests",
                                   "no_adverse_impact_on_others", "efficient_use_of_resources")
                 if not getattr(self, name)]
        if self.recipient_under_justice_requirement:
            unmet.append("recipient_under_justice_requirement")
        return unmet


@dataclass(frozen=True, slots=True)
class DirectPaymentState:
    status: DirectPaymentStatus
    setting_agreement: SettingAgreement
    conditions_met: bool | None = None
    consent_given_on: date | None = None
    consent_withdrawn_on: date | None = None
    balance_pence: int = 0
    paid_pence: int = 0
    annual_pence: int = 0


@dataclass(frozen=True, slots=True)
class SectionJ:
    """Section J of the plan (R2.1, R7.10), made from an agreed budget."""

    outcomes_supported: tuple[str, ...]
    provision_funded: tuple[dict[str, object], ...]
    flexibility: str
    direct_payments: tuple[dict[str, object], ...] = field(default_factory=tuple)
    total_pence: int = 0
