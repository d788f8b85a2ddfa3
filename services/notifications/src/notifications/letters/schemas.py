"""Request and response models of letters and print runs."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

_LETTER: dict[str, Any] = {"delivery_id": "0b8c1f0e-5d2a-4f43-9e1b-6a7c9d0e1f21",
           "case_id": "6d1c2f9a-1111-4000-8000-000000000001",
           "addressee": "Zofia Wiśniewska", "status": "queued",
           "queued_at": "2026-03-09T10:15:00Z",
           "print_run_id": None, "printed_at": None, "posted_at": None}
_RUN: dict[str, Any] = {
    "id": "5f0a2b7c-3d4e-4f50-8a6b-7c8d9e0f1a2b", "created_at": "2026-03-09T16:00:00Z",
    "created_by": "cw-17", "letters": [_LETTER | {
            "print_run_id": "5f0a2b7c-3d4e-4f50-8a6b-7c8d9e0f1a2b"}]}


class LetterRead(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_LETTER]})

    delivery_id: str = Field(description="the delivery the letter is; its PDF is at "
                             "/v1/letters/{delivery_id}/pdf")
    case_id: str | None
    addressee: str = Field(description="the name the letter is addressed to")
    status: Literal["queued", "printed", "posted"]
    queued_at: datetime
    print_run_id: str | None
    printed_at: datetime | None
    posted_at: datetime | None


class PrintRunRead(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_RUN]})

    id: str
    created_at: datetime
    created_by: str = Field(description="who started the run (the token's subject)")
    letters: list[LetterRead]


class PrintRunSummary(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [
        {k: v for k, v in _RUN.items() if k != "letters"}]})

    id: str
    created_at: datetime
    created_by: str


class LetterStatusUpdate(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"status": "printed"}]})

    status: Literal["printed", "posted"] = Field(
        description="printed, then posted; marking the status a letter already has "
        "changes nothing")
