"""API models of parent carers' needs assessments (R9.3)."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from assessment.domain.duties import CarerAssessmentBasis, CarerAssessmentStatus
from common.bounds import StatutoryDate

READ_EXAMPLE: dict[str, Any] = {"id": "7f3e2c10-4b1a-4d5e-9c8b-1a2b3c4d5e6f",
                "case_id": "0b7e3f52-8d7c-4a55-bb3e-8f1c2d4e5a61", "carer_name": "Ngozi Okafor",
                "basis": "request", "identified_on": "2026-02-23", "status": "due",
                "assessed_on": None}


class CarerAssessmentCreate(BaseModel):
    """A parent carer's needs assessment becomes due: on their request or when it appears to
    the LA that they may have needs for support (Children Act 1989 s.17ZD(3))."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "carer_name": "Ngozi Okafor", "basis": "request", "identified_on": "2026-02-23"}]})

    carer_name: str = Field(min_length=1, max_length=200, pattern=r"\S")
    basis: CarerAssessmentBasis
    identified_on: StatutoryDate = Field(description="the day of the request, or when the need "
                                            "appeared to the LA")


class CarerAssessed(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"assessed_on": "2026-03-02"}]})

    assessed_on: StatutoryDate


class CarerAssessmentRead(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [dict(READ_EXAMPLE)]})

    id: str
    case_id: str
    carer_name: str
    basis: CarerAssessmentBasis
    identified_on: date
    status: CarerAssessmentStatus
    assessed_on: date | None
