"""Domain errors: a broken statutory rule, named by its RULES.md id."""

from __future__ import annotations

from collections.abc import Sequence


class RuleViolation(Exception):
    """A command would break rule `rule` (e.g. "R1.2"); `field` names the input or plan section."""

    def __init__(self, rule: str, message: str, field: str | None = None) -> None:
        super().__init__(f"{rule}: {message}" + (f" [{field}]" if field else ""))
        self.rule = rule
        self.message = message
        self.field = field

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RuleViolation):
            return NotImplemented
        return (self.rule, self.message, self.field) == (other.rule, other.message, other.field)

    def __hash__(self) -> int:
        return hash((self.rule, self.message, self.field))


class InvalidIdentifier(RuleViolation):
    """A UPN, ULN or NHS number that fails its format or check character."""


class PlanInvalid(RuleViolation):
    """An EHC plan with one or more section-level problems (R2.1, R2.2, R1.12)."""

    def __init__(self, problems: Sequence[RuleViolation]) -> None:
        first = problems[0]
        super().__init__(first.rule, f"{len(problems)} problem(s) in the plan", first.field)
        self.problems = tuple(problems)
