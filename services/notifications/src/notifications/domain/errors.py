"""Errors the use cases raise, with no web framework: the web layer turns each into an
RFC 9457 problem (the same names and statuses as the platform's ``common.errors``)."""

from __future__ import annotations


class DomainError(Exception):
    status = 422
    kind = "rule-violation"

    def __init__(self, message: str, *, field: str | None = None, rule: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.rule = rule


class RuleViolation(DomainError):
    """Bad input or a rule the request breaks (422), naming the field when there is one."""

    kind = "validation-error"


class WrongState(RuleViolation):
    kind = "wrong-state"


class TemplateInvalid(RuleViolation):
    """A template that does not render with the sample events (or past a limit)."""

    kind = "template-invalid"


class UnsafeTarget(RuleViolation):
    kind = "unsafe-webhook-target"


class NotFound(DomainError):
    status = 404
    kind = "not-found"

    def __init__(self, what: str) -> None:
        super().__init__(f"{what} was not found")


class Forbidden(DomainError):
    """The caller's role may not do this at all (403); never used to hide another LA's
    records, which are NotFound."""

    status = 403
    kind = "forbidden-role"
