"""Request and response models of disagreement resolution (R6.12)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from common.bounds import StatutoryDate
from common.http import Page
from mediation.cases.schemas import examples, page_examples


class DisagreementCreate(BaseModel):
    model_config = examples({"case_id": "3f1d...", "requested_on": "2026-03-05",
                             "requested_by": "Ngozi Okafor",
                             "subject": "transport to school",
                             "parties": ["parent", "la", "school"]})

    case_id: str = Field(min_length=1, max_length=36)
    mediation_case_id: str | None = None
    requested_on: StatutoryDate
    requested_by: str = Field(min_length=1, max_length=200)
    subject: str = Field(min_length=1, max_length=4000)
    parties: list[str] = Field(min_length=1)

class DisagreementClose(BaseModel):
    model_config = examples({"closed_on": "2026-04-02", "status": "resolved",
                             "summary": "Transport agreed from the start of the summer term"})

    closed_on: StatutoryDate
    status: Literal["resolved", "not_resolved", "withdrawn"]
    summary: str | None = Field(default=None, max_length=4000)

class DisagreementRead(BaseModel):
    model_config = examples({
        "id": "0a1b2c3d-0000-4000-8000-000000000d01",
        "case_id": "3f1d2a7e-0000-4000-8000-000000000001",
        "mediation_case_id": "b7e2c9a4-6f1d-4e8b-9c3a-2d5f7a1b8e60",
        "requested_on": "2026-03-05", "requested_by": "Ngozi Okafor",
        "subject": "transport to school", "parties": ["parent", "la", "school"],
        "status": "resolved", "closed_on": "2026-04-02",
        "summary": "Transport agreed from the start of the summer term",
        "created_at": "2026-03-05T10:12:00Z"})

    id: str
    case_id: str
    mediation_case_id: str | None
    requested_on: date
    requested_by: str
    subject: str
    parties: list[str]
    status: str
    closed_on: date | None
    summary: str | None
    created_at: datetime

class DisagreementPage(Page[DisagreementRead]):
    model_config = page_examples(DisagreementRead)
