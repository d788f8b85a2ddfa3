"""Money is integer pence everywhere: API, tables and events (EVENTS.md)."""

from __future__ import annotations

from decimal import Decimal

from budgets.domain.errors import RuleViolation

# The convention is EVENTS.md's, not a statute: named so that a 422 can cite it.
INTEGER_PENCE = "integer-pence"


def pence(value: object, field: str) -> int:
    """`value` as a whole, non-negative number of pence, or a RuleViolation naming `field`.

    JSON numbers arrive as int or float; a float with a fractional part, a bool, a string or
    a negative number is refused."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise RuleViolation(INTEGER_PENCE, "an amount is a whole number of pence", field)
    if isinstance(value, float | Decimal) and value != int(value):
        raise RuleViolation(INTEGER_PENCE, f"{value} has a fraction of a penny", field)
    amount = int(value)
    if amount < 0:
        raise RuleViolation(INTEGER_PENCE, f"{amount} is negative", field)
    return amount
