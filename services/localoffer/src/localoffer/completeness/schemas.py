"""The Schedule 2 completeness report's models."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel


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
    la_code: str
    as_of: date
    headings: list[HeadingRead]
    covered: int
    total: int
    percentage: float
    gaps: list[str]
