"""The errors budgets' rules and use cases raise: the platform's (`common.errors`, free of
any framework), which one handler turns into problem documents."""

from common.errors import Conflict, DomainError, NotFound, RuleViolation, WrongState

__all__ = ["Conflict", "DomainError", "NotFound", "RuleViolation", "WrongState"]
