"""The errors mediation's rules and use cases raise: the platform's framework-free ones
(`common.errors`), answered as problems by the one common handler."""

from __future__ import annotations

from common.errors import Conflict, Forbidden, InvalidField, NotFound, RuleViolation, WrongState

__all__ = ["Conflict", "Forbidden", "InvalidField", "NotFound", "RuleViolation", "WrongState"]
