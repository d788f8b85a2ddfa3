"""The import's row-by-row report."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel


class RowOutcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    REJECTED = "rejected"


class ImportRow(BaseModel):
    row: int
    service_id: str | None = None
    name: str | None = None
    outcome: RowOutcome
    version: int | None = None
    errors: list[dict[str, Any]] = []


class ImportReport(BaseModel):
    format: str
    rows: list[ImportRow]
    created: int
    updated: int
    unchanged: int
    rejected: int
