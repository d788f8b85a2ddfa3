"""Section J of the EHC plan from an agreed personal budget (R2.1, R7.10). Pure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from budgets.domain.enums import Mechanism, SettingAgreement
from budgets.domain.errors import RuleViolation
from budgets.domain.model import Component


@dataclass(frozen=True, slots=True)
class FundedLine:
    funding_stream: str
    provision: str
    mechanism: str | None
    annual_pence: int
    block_commissioned: bool


@dataclass(frozen=True, slots=True)
class DirectPaymentArrangement:
    provision: str
    annual_pence: int
    needs_met: tuple[str, ...]
    outcomes_met: tuple[str, ...]
    status: str
    setting_name: str | None = None
    setting_agreement: str | None = None


@dataclass(frozen=True, slots=True)
class SectionJContent:
    outcomes_supported: tuple[str, ...]
    provision_funded: tuple[FundedLine, ...]
    flexibility: str
    direct_payments: tuple[DirectPaymentArrangement, ...]
    total_pence: int
    text: str


def _money(pence: int) -> str:
    return f"£{pence // 100:,}.{pence % 100:02d}"


def compose(outcomes_supported: Sequence[str], flexibility: str,
            components: Sequence[Component],
            dp_status: Sequence[tuple[str, SettingAgreement, int]]) -> SectionJContent:
    """R7.10: how the budget supports the outcomes, the provision it funds, its flexibility
    and the direct payment arrangements, naming the SEN and outcomes each direct payment
    meets. `dp_status` gives, in component order, each direct payment's status, setting
    agreement and amount now (after any reduction)."""
    if not outcomes_supported:
        raise RuleViolation("R7.10", "say which outcomes the budget supports",
                            "outcomes_supported")
    funded = tuple(FundedLine(c.funding_stream.value, c.provision,
                              c.mechanism.value if c.mechanism else None, c.annual_pence,
                              c.block_commissioned) for c in components)
    dps = tuple(
        DirectPaymentArrangement(c.provision, amount, c.needs_met, c.outcomes_met,
                                 status, c.setting_name if c.on_setting_premises else None,
                                 agreement.value if c.on_setting_premises else None)
        for c, (status, agreement, amount) in zip(
            [c for c in components if c.mechanism is Mechanism.DIRECT_PAYMENT], dp_status,
            strict=True))
    total = sum(c.annual_pence for c in components if not c.block_commissioned)
    return SectionJContent(tuple(outcomes_supported), funded, flexibility, dps, total,
                           _text(outcomes_supported, funded, flexibility, dps, total))


def _text(outcomes: Sequence[str], funded: Sequence[FundedLine], flexibility: str,
          dps: Sequence[DirectPaymentArrangement], total: int) -> str:
    lines = [f"Personal budget: {_money(total)} a year.",
             "Outcomes it supports: " + "; ".join(outcomes) + "."]
    for line in funded:
        how = "block-commissioned, not part of the budget" if line.block_commissioned \
            else f"{line.mechanism.replace('_', ' ') if line.mechanism else ''}, " \
                 f"{_money(line.annual_pence)} a year"
        lines.append(f"- {line.funding_stream.replace('_', ' ')}: {line.provision} ({how}).")
    if flexibility.strip():
        lines.append(f"Flexibility: {flexibility.strip()}")
    for dp in dps:
        where = f" at {dp.setting_name} (setting's agreement: {dp.setting_agreement})" \
            if dp.setting_name else ""
        lines.append(f"Direct payment for {dp.provision}{where}: meets "
                     f"{'; '.join(dp.needs_met)}; outcomes: {'; '.join(dp.outcomes_met)}.")
    return "\n".join(lines)
