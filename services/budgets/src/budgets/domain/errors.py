"""The errors budgets' rules and use cases raise (the platform's `common.errors` shape):
free of any web or database framework; one handler turns each into a problem document."""

from __future__ import annotations


class DomainError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class RuleViolation(DomainError):
    """A command would break rule `rule` (a RULES.md id such as "R7.6"); `field` names the
    input at fault, when there is one."""

    def __init__(self, rule: str, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.rule = rule
        self.field = field

    def __str__(self) -> str:
        return f"{self.rule}: {self.message}" + (f" [{self.field}]" if self.field else "")


class WrongState(RuleViolation):
    """The record is in a status from which the command is not allowed."""
