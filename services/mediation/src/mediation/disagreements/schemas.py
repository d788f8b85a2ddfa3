"""Request and response models of disagreement resolution (R6.12)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from common.bounds import StatutoryDate
from common.http import Page
from mediation.cases.schemas import examples


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
    closed_on: StatutoryDate
    status: Literal["resolved", "not_resolved", "withdrawn"]
    summary: str | None = Field(default=None, max_length=4000)

class DisagreementRead(BaseModel):
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

DisagreementPage = Page[DisagreementRead]
