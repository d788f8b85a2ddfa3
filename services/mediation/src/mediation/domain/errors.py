"""Domain errors of the mediation service."""

from __future__ import annotations


class RuleViolation(Exception):
    """A command would break a statutory rule; `rule` is its RULES.md id (e.g. "R6.5")."""

    def __init__(self, rule: str, message: str, field: str | None = None) -> None:
        super().__init__(f"{rule}: {message}")
        self.rule = rule
        self.message = message
        self.field = field

    def __repr__(self) -> str:
        return f"RuleViolation(rule={self.rule!r}, message={self.message!r}, field={self.field!r})"


class WrongState(RuleViolation):
    """The record's state does not allow the command (answered like any rule broken)."""


class Conflict(Exception):
    """The command clashes with the record's state (answered 409); `kind` names the clash."""

    def __init__(self, message: str, kind: str = "conflict") -> None:
        super().__init__(message)
        self.message = message
        self.kind = kind
