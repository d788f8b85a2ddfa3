"""API models for moves between LAs, transfer reviews, detention and legacy imports."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class MoveOutCreate(BaseModel):
    other_la_code: str = Field(pattern=r"^\d{3}$")
    moves_on: date
    learned_on: date


class TransferReviewCreate(BaseModel):
    """R5.1-R5.4: a transfer review of a statement or LDA."""

    model_config = ConfigDict(populate_by_name=True)

    from_: Literal["statement", "lda"] = Field(alias="from")
    notice_on: date
    started_on: date
    legacy_ref: str | None = Field(default=None, max_length=100)


class TransferRead(BaseModel):
    id: str
    case_id: str
    kind: str
    other_la_code: str | None
    plan_id: str | None
    moves_on: date | None
    learned_on: date | None
    notice_on: date | None
    started_on: date | None
    due_on: date
    completed_on: date | None
    status: str


class StepDone(BaseModel):
    done_on: date


class DetentionCreate(BaseModel):
    detained_on: date
    learned_on: date
    establishment_name: str = Field(min_length=1, max_length=200)
    yot_name: str = Field(min_length=1, max_length=200)


class LegacyImportCreate(BaseModel):
    """Existing plans from a legacy system: `rows` (JSON) or `csv` text, one plan a row."""

    format: Literal["json", "csv"]
    rows: list[dict[str, Any]] | None = Field(default=None, max_length=50_000)
    csv: str | None = Field(default=None, max_length=50_000_000)


class LegacyRowResult(BaseModel):
    row: int
    legacy_ref: str | None
    outcome: Literal["accepted", "skipped", "rejected"]
    errors: list[dict[str, Any]] = Field(default_factory=list)


class LegacyImportRead(BaseModel):
    id: str
    format: str
    rows_total: int
    accepted: int
    skipped: int
    rejected: int
    report: list[LegacyRowResult]
