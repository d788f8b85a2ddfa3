"""Errors the local offer's use cases raise that are not rule violations, answered as
RFC 9457 problems. They mirror `common.errors.NotFound` / `Conflict` (issue 9)."""

from __future__ import annotations

from typing import Any

from common.problems import Problem


class NotFound(Problem):
    """`what` does not exist, or the caller may not see it (a provider asking for another
    organisation's entry is told it is not found)."""

    def __init__(self, what: str) -> None:
        super().__init__(404, f"{what} was not found", kind="not-found")


class Forbidden(Problem):
    def __init__(self, message: str) -> None:
        super().__init__(403, message, kind="forbidden")


class Conflict(Problem):
    def __init__(self, message: str, **extensions: Any) -> None:
        super().__init__(409, message, kind="conflict", **extensions)


class TooLarge(Problem):
    def __init__(self, limit_bytes: int, field: str = "body") -> None:
        super().__init__(413, f"The {field} is larger than {limit_bytes} bytes",
                         kind="payload-too-large", title="Content too large",
                         errors=[{"field": field, "message": f"at most {limit_bytes} bytes"}])
