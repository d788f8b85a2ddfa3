"""Request and response models of appeals, Tribunal orders and compliance steps."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from common.bounds import StatutoryDate
from mediation.cases.schemas import examples

_STEP_EXAMPLE = {
    "id": "d4f6b8c0-0000-4000-8000-00000000d001",
    "mediation_case_id": "b7e2c9a4-6f1d-4e8b-9c3a-2d5f7a1b8e60", "source": "tribunal_order",
    "source_id": "e5a7c9d1-0000-4000-8000-00000000e001", "kind": "amended_plan_due",
    "description": "Issue the amended EHC plan", "responsible": "la",
    "due_on": "2026-06-24", "done_on": "2026-06-19", "in_time": True,
    "done_by_event_id": "7b9d1f3a-0000-4000-8000-000000000b01",
    "done_by_event_type": "send.assessment.plan.issued.v1"}


class ComplianceStepRead(BaseModel):
    model_config = examples(_STEP_EXAMPLE)

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
    model_config = examples({
        "id": "f6b8d0e2-0000-4000-8000-00000000f001",
        "mediation_case_id": "b7e2c9a4-6f1d-4e8b-9c3a-2d5f7a1b8e60",
        "case_id": "3f1d2a7e-0000-4000-8000-000000000001", "registered_on": "2026-05-01",
        "tribunal_reference": "EH201/26", "appeal_by": "2026-05-09", "in_time": True,
        "after_mediation": True})

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
    model_config = examples({
        "id": "e5a7c9d1-0000-4000-8000-00000000e001",
        "appeal_id": "f6b8d0e2-0000-4000-8000-00000000f001", "kind": "unopposed",
        "from_on": "2026-05-20", "steps": [_STEP_EXAMPLE]})

    id: str
    appeal_id: str
    kind: str
    from_on: date
    steps: list[ComplianceStepRead]
