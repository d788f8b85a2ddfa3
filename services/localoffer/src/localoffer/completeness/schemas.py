"""The Schedule 2 completeness report's models."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from localoffer.examples import examples


class CoveringEntry(BaseModel):
    entry_id: str
    name: str


class HeadingRead(BaseModel):
    key: str
    title: str
    rule: str
    empty: bool
    entries: list[CoveringEntry]


class CompletenessRead(BaseModel):
    model_config = examples({
        "la_code": "201", "as_of": "2026-03-02",
        "headings": [
            {"key": "leisure", "title": "Leisure activities", "rule": "R8.1", "empty": False,
             "entries": [{"entry_id": "5b2f0c3e-7d41-4c8a-9e15-3f6a2b8d9c01",
                          "name": "Autism friendly swimming"}]},
            {"key": "travel", "title": "Travel to schools, colleges and early years settings",
             "rule": "R8.1", "empty": True, "entries": []}],
        "covered": 1, "total": 2, "percentage": 50.0, "gaps": ["travel"]})

    la_code: str
    as_of: date
    headings: list[HeadingRead]
    covered: int
    total: int
    percentage: float
    gaps: list[str]
