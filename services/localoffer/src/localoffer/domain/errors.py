"""The errors the local offer's rules raise: the platform's own (`common.errors`), named
here so the rules import one place."""

from common.errors import RuleViolation, WrongState

__all__ = ["RuleViolation", "WrongState"]
