"""Errors of the local offer's use cases: the platform's `NotFound` and `Conflict`
(`common.errors`, answered 404 / 409 by the platform's handler), and two answered as
problems directly: a role or organisation that may not act (403) and a body over its
limit (413)."""

from __future__ import annotations

from common.errors import Conflict, NotFound
from common.problems import Problem

__all__ = ["Conflict", "Forbidden", "NotFound", "TooLarge"]


class Forbidden(Problem):
    def __init__(self, message: str) -> None:
        super().__init__(403, message, kind="forbidden")


class TooLarge(Problem):
    def __init__(self, limit_bytes: int, field: str = "body") -> None:
        super().__init__(413, f"The {field} is larger than {limit_bytes} bytes",
                         kind="payload-too-large", title="Content too large",
                         errors=[{"field": field, "message": f"at most {limit_bytes} bytes"}])
