"""API models of advice sought for an assessment and of exceptions to its time limits."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import JsonDict

from assessment.domain.model import AdviceType, ExceptionKind
from assessment.domain.status import AdviceStatus
from common.bounds import StatutoryDate

# published in the schema, checked by the use case (R1.9, R1.10 name what is refused)
EXCEPTION_KINDS: JsonDict = {"enum": [k.value for k in ExceptionKind]}

CASE_ID = "3f1d2c4b-8a9e-4b7c-9d0e-1a2b3c4d5e6f"
REQUEST_ID = "e85c075a-7234-468b-bce1-79b6c398eee6"
ADVICE_EXAMPLE: Any = {
    "id": "c2a4e6f8-1b3d-4f5a-8c7e-9d0b1a2c3e4f", "case_id": CASE_ID,
    "request_id": REQUEST_ID, "advice_type": "health", "recipient_kind": "icb",
    "recipient_org_code": "QKK", "recipient_name": "NHS South East London ICB",
    "requested_on": "2026-03-02", "due_on": "2026-04-13", "status": "requested",
    "received_on": None, "author": None, "summary": None}


class RecipientIn(BaseModel):
    kind: Literal["icb", "school", "educational_psychology", "social_care", "professional",
                  "family", "other"]
    org_code: str | None = Field(default=None, max_length=20)
    name: str = Field(min_length=1, max_length=200)


class AdviceRequestCreate(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "advice_type": "health", "requested_on": "2026-03-02"}]})

    advice_type: AdviceType
    requested_on: StatutoryDate
    recipient: RecipientIn | None = Field(
        default=None, description="who is asked: required for every advice type but health, "
        "which defaults to the case's ICB (R1.7)")


class AdviceRequestRead(BaseModel):
    """Advice sought (R1.7), due in 6 weeks (R1.8), and the advice given back."""

    model_config = ConfigDict(json_schema_extra={"examples": [ADVICE_EXAMPLE]})

    id: str
    case_id: str
    request_id: str
    advice_type: str
    recipient_kind: str
    recipient_org_code: str | None
    recipient_name: str
    requested_on: date
    due_on: date
    status: AdviceStatus
    received_on: date | None
    author: str | None
    summary: str | None


class AdviceRequestPage(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [
        {"items": [ADVICE_EXAMPLE], "total": 1}]})

    items: list[AdviceRequestRead]
    total: int


class AdviceCreate(BaseModel):
    """Advice given back, by the LA on the author's behalf or by the health system itself."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "received_on": "2026-04-01", "author": "Dr A. Patel, community paediatrician",
        "summary": "Speech and language delay; no medical cause found."}]})

    received_on: StatutoryDate
    author: str = Field(min_length=1, max_length=200)
    summary: str = Field(min_length=1, max_length=100_000)


class ExceptionCreate(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "kind": "absent_from_area", "starts_on": "2026-03-02", "ends_on": "2026-04-06",
        "evidence": "Family abroad, letter from parent dated 1 March"}]})

    kind: str = Field(min_length=1, max_length=60, json_schema_extra=EXCEPTION_KINDS,
                      description="R1.9 (a)-(d) for the 6/16/20-week limits; R1.10's kinds "
                      "for advice")
    starts_on: StatutoryDate | None = None
    ends_on: StatutoryDate | None = None
    advice_requested_on: StatutoryDate | None = None
    evidence: str = Field(max_length=10_000)


class ExceptionRead(BaseModel):
    """An exception recorded against a time limit (R1.9, R1.10); it never moves it (R0.5)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "id": "d1e2f3a4-b5c6-4d7e-8f9a-0b1c2d3e4f5a", "case_id": CASE_ID,
        "request_id": REQUEST_ID, "advice_request_id": None, "kind": "absent_from_area",
        "starts_on": "2026-03-02", "ends_on": "2026-04-06", "advice_requested_on": None,
        "evidence": "Family abroad, letter from parent dated 1 March",
        "recorded_on": "2026-03-02"}]})

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
