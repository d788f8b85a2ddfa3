"""CloudEvents 1.0 envelope with sendsys's extension attributes (ARCHITECTURE.md invariant 4)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class CloudEvent(BaseModel):
    """One domain event on the bus. `data` is validated against the registry by consumers."""

    model_config = ConfigDict(extra="allow", frozen=True)

    specversion: Literal["1.0"] = "1.0"
    id: str = Field(min_length=1, description="UUID, unique per event: the idempotency key")
    type: str = Field(min_length=1)
    source: str = Field(min_length=1, description="sendsys/<service>")
    subject: str = Field(min_length=1, description="case/<case id>: the bus key")
    time: datetime
    datacontenttype: Literal["application/json"] = "application/json"
    lacode: str = Field(pattern=r"^\d{3}$")
    correlationid: str | None = None
    causationid: str | None = None
    data: dict[str, Any]

    def to_bytes(self) -> bytes:
        return self.model_dump_json(exclude_none=True).encode()

    @classmethod
    def from_bytes(cls, raw: bytes) -> CloudEvent:
        return cls.model_validate(json.loads(raw))


def source_for(service: str) -> str:
    return f"sendsys/{service}"


def subject_for_case(case_id: str) -> str:
    return f"case/{case_id}"


def case_id_from_subject(subject: str) -> str | None:
    return subject.removeprefix("case/") if subject.startswith("case/") else None
