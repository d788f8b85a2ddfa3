"""Figures of the personal budgets report (R13.1's budget type, R7.9's reviews). Pure."""

from __future__ import annotations

from collections.abc import Iterable

from budgets.domain.enums import Mechanism, Sen2BudgetType


def sen2_type(mechanisms: Iterable[Mechanism | None]) -> Sen2BudgetType | None:
    """R13.1: a plan's personal budget type: organised arrangements (notional or third
    party), direct payments, or both; None when nothing is delivered through the budget
    (block-commissioned provision only)."""
    used = {m for m in mechanisms if m is not None}
    direct = Mechanism.DIRECT_PAYMENT in used
    organised = bool(used - {Mechanism.DIRECT_PAYMENT})
    if direct and organised:
        return Sen2BudgetType.BOTH
    if direct:
        return Sen2BudgetType.DIRECT_PAYMENTS
    return Sen2BudgetType.ORGANISED_ARRANGEMENTS if organised else None


def percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None
