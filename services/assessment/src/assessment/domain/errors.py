"""Domain errors: a broken statutory rule, named by its RULES.md id. `RuleViolation` is the
platform's (common.errors), so one handler answers every one of them as a problem."""

from __future__ import annotations

from collections.abc import Sequence

from common.errors import Conflict, NotFound, RuleViolation, WrongState

__all__ = ["Conflict", "InvalidIdentifier", "NotFound", "PlanInvalid", "RuleViolation",
           "WrongState"]


class InvalidIdentifier(RuleViolation):
    """A UPN, ULN or NHS number that fails its format or check character."""


class PlanInvalid(RuleViolation):
    """An EHC plan with one or more section-level problems (R2.1, R2.2, R1.12)."""

    def __init__(self, problems: Sequence[RuleViolation]) -> None:
        first = problems[0]
        reasons = "; ".join(f"{p.message} ({p.rule}, {p.field})" for p in problems)
        count = "1 problem" if len(problems) == 1 else f"{len(problems)} problems"
        super().__init__(first.rule, f"The plan has {count}: {reasons}", first.field)
        self.problems = tuple(problems)
