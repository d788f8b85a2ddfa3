"""Errors the local offer's rules raise, free of any framework. They mirror
`common.errors` (issue 9); when that module reaches main these become re-exports."""

from __future__ import annotations


class RuleViolation(Exception):
    """A command would break rule `rule` (a RULES.md id such as "R8.1", or a named house
    rule such as "LO-AGE"); `field` names the input at fault."""

    def __init__(self, rule: str, message: str, field: str | None = None) -> None:
        super().__init__(f"{rule}: {message}")
        self.rule = rule
        self.message = message
        self.field = field

    def __repr__(self) -> str:
        return f"RuleViolation(rule={self.rule!r}, message={self.message!r}, field={self.field!r})"


class WrongState(RuleViolation):
    """The record's workflow state forbids the command."""
