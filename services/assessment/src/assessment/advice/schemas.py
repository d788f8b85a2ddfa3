"""API models of advice sought for an assessment and of exceptions to its time limits."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assessment.domain.model import AdviceType


class RecipientIn(BaseModel):
    kind: Literal["icb", "school", "educational_psychology", "social_care", "professional",
                  "family", "other"]
    org_code: str | None = Field(default=None, max_length=20)
    name: str = Field(min_length=1, max_length=200)


class AdviceRequestCreate(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "advice_type": "health", "requested_on": "2026-03-02"}]})

    advice_type: AdviceType
    requested_on: date
    recipient: RecipientIn | None = Field(
        default=None, description="health advice defaults to the case's ICB (R1.7)")


class AdviceRequestRead(BaseModel):
    id: str
    case_id: str
    request_id: str
    advice_type: str
    recipient_kind: str
    recipient_org_code: str | None
    recipient_name: str
    requested_on: date
    due_on: date
    status: str
    received_on: date | None
    author: str | None
    summary: str | None


class AdviceRequestPage(BaseModel):
    items: list[AdviceRequestRead]
    total: int


class AdviceCreate(BaseModel):
    """Advice given back, by the LA on the author's behalf or by the health system itself."""

    received_on: date
    author: str = Field(min_length=1, max_length=200)
    summary: str = Field(min_length=1, max_length=100_000)


class ExceptionCreate(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "kind": "absent_from_area", "starts_on": "2026-03-02", "ends_on": "2026-04-06",
        "evidence": "Family abroad, letter from parent dated 1 March"}]})

    kind: str = Field(min_length=1, max_length=60,
                      description="R1.9 (a)-(d) for the 6/16/20-week limits; R1.10's kinds "
                      "for advice")
    starts_on: date | None = None
    ends_on: date | None = None
    advice_requested_on: date | None = None
    evidence: str = Field(max_length=10_000)


class ExceptionRead(BaseModel):
    id: str
    case_id: str
    request_id: str | None
    advice_request_id: str | None
    kind: str
    starts_on: date | None
    ends_on: date | None
    advice_requested_on: date | None
    evidence: str
    recorded_on: date
