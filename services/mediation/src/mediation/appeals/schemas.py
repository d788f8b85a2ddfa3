"""Request and response models of appeals, Tribunal orders and compliance steps."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from common.bounds import StatutoryDate
from mediation.cases.schemas import examples


class ComplianceStepRead(BaseModel):
    id: str
    mediation_case_id: str
    source: str
    source_id: str
    kind: str
    description: str
    responsible: str
    due_on: date
    done_on: date | None
    in_time: bool | None = Field(default=None, description="done on or before due_on")
    done_by_event_id: str | None = Field(
        default=None, description="the assessment event that reported it done (R6.11)")
    done_by_event_type: str | None = None

class StepDone(BaseModel):
    model_config = examples({"done_on": "2026-04-10"})

    done_on: StatutoryDate

class AppealCreate(BaseModel):
    model_config = examples({"registered_on": "2026-05-01", "tribunal_reference": "EH201/26"})

    registered_on: StatutoryDate
    tribunal_reference: str | None = Field(default=None, max_length=60)

class AppealRead(BaseModel):
    id: str
    mediation_case_id: str
    case_id: str
    registered_on: date
    tribunal_reference: str | None
    appeal_by: date
    in_time: bool
    after_mediation: bool

class OrderCreate(BaseModel):
    model_config = examples({"kind": "unopposed", "from_on": "2026-05-20"})

    kind: Literal["unopposed", "order"]
    from_on: StatutoryDate = Field(description="the order's date, or the day the LA told the "
                          "Tribunal it would not oppose (R6.11)")
    section_i_only: bool = False
    amend_too: bool = False

class OrderRead(BaseModel):
    id: str
    appeal_id: str
    kind: str
    from_on: date
    steps: list[ComplianceStepRead]
