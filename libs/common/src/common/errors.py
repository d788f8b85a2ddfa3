"""Errors that domain rules and use cases raise, free of any web or database framework.

One handler in `common.problems` turns each into an RFC 9457 problem document:

=====================  ======  ==========================================================
error                  status  problem
=====================  ======  ==========================================================
`RuleViolation`        422     `rule-violation`, with `errors: [{rule, field, message}]`
`WrongState`           422     the same: a command that the record's status forbids
`InvalidField`         422     `kind` given, with `errors: [{field, message}]`
`Forbidden`            403     `forbidden-role`
`NotFound`             404     `not-found`
`Conflict`             409     `conflict`, with any extensions given
`PreconditionFailed`   412     `version-mismatch`
`Unavailable`          503     `unavailable`, with a `Retry-After` header
=====================  ======  ==========================================================
"""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """The base of every error a use case may raise for the client to see."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class RuleViolation(DomainError):
    """A command would break rule `rule` (a RULES.md id such as "R1.2"); `field` names the
    input or plan section at fault, when there is one."""

    def __init__(self, rule: str, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.rule = rule
        self.field = field

    def __str__(self) -> str:
        return f"{self.rule}: {self.message}" + (f" [{self.field}]" if self.field else "")

    def __repr__(self) -> str:
        return (f"{type(self).__name__}(rule={self.rule!r}, message={self.message!r}, "
                f"field={self.field!r})")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RuleViolation):
            return NotImplemented
        return (type(self), self.rule, self.message, self.field) == \
            (type(other), other.rule, other.message, other.field)

    def __hash__(self) -> int:
        return hash((type(self), self.rule, self.message, self.field))


class WrongState(RuleViolation):
    """The record is in a status from which the command is not allowed."""


class InvalidField(DomainError):
    """Input `field` is refused for a reason that is no statutory rule (a step dated in
    the future, an id that names nothing registered); `kind` names the reason."""

    def __init__(self, field: str, message: str, kind: str = "invalid-field") -> None:
        super().__init__(message)
        self.field = field
        self.kind = kind


class Forbidden(DomainError):
    """The principal may see the record but their role may not do this to it; `kind`
    names the reason."""

    def __init__(self, message: str, kind: str = "forbidden-role") -> None:
        super().__init__(message)
        self.kind = kind


class NotFound(DomainError):
    """`what` (e.g. "Case 1234") does not exist, or the principal may not see it."""

    def __init__(self, what: str) -> None:
        super().__init__(f"{what} was not found")
        self.what = what


class Conflict(DomainError):
    """The command clashes with what already exists, or the record's state does not allow
    it; `kind` names the reason and `extensions` are added to the problem document (e.g.
    the id of the existing record)."""

    def __init__(self, message: str, kind: str = "conflict", **extensions: Any) -> None:
        super().__init__(message)
        self.kind = kind
        self.extensions = extensions


class PreconditionFailed(DomainError):
    """The client acted on a version of the record that is no longer current."""


class Unavailable(DomainError):
    """A dependency (the database, the bus) cannot be reached now; try again after
    `retry_after_s` seconds."""

    def __init__(self, message: str, *, retry_after_s: int = 2) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s
