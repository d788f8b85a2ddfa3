"""The import's row-by-row report."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel

from localoffer.examples import examples


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
    model_config = examples({
        "format": "ndjson",
        "rows": [{"row": 1, "service_id": "5b2f0c3e-7d41-4c8a-9e15-3f6a2b8d9c01",
                  "name": "Autism friendly swimming", "outcome": "created", "version": 1},
                 {"row": 2, "service_id": "1c2d3e4f-6666-4000-8000-00000000f001",
                  "name": "Sensory play", "outcome": "rejected",
                  "errors": [{"field": "locations.0.postcode",
                              "message": "ZZ9 9ZZ is not in the postcode directory"}]}],
        "created": 1, "updated": 0, "unchanged": 0, "rejected": 1})

    format: str
    rows: list[ImportRow]
    created: int
    updated: int
    unchanged: int
    rejected: int
