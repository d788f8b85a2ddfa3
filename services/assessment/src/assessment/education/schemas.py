"""API models of what a young person is doing (R4.2-R4.4) and how long a plan may run."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from assessment.domain.ceasing import EducationOrTraining
from common.bounds import StatutoryDate


class EducationCreate(BaseModel):
    """One dated record of the young person's education or training."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "kind": "apprenticeship", "provider_name": "Riverside Training",
        "started_on": "2025-09-01", "ends_on": "2027-03-31"}]})

    kind: EducationOrTraining = Field(description="from the controlled list")
    provider_name: str | None = Field(default=None, min_length=1, max_length=200)
    started_on: StatutoryDate
    ends_on: StatutoryDate | None = Field(
        default=None,
        description="the day it ended or is planned to end; required for an apprenticeship")


class EducationRead(BaseModel):
    id: str
    case_id: str
    kind: EducationOrTraining
    provider_name: str | None
    started_on: date
    ends_on: date | None


class PlanLimitRead(BaseModel):
    """R4.4: the latest day a plan may be maintained and the rule that gives it."""

    latest_on: date
    academic_year_rule: str
    follows_record_id: str | None


class EducationPage(BaseModel):
    """Every record of the case, oldest first, and what they mean for the plan (R4.4)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "items": [{"id": "5d0c9a61-5b9e-4f0c-9a43-0f6f7c1b2d11",
                   "case_id": "0b7e3f52-8d7c-4a55-bb3e-8f1c2d4e5a61", "kind": "fe_college",
                   "provider_name": "City College", "started_on": "2024-09-01",
                   "ends_on": None}],
        "plan_limit": {"latest_on": "2025-07-31",
                       "academic_year_rule": "Regs reg 46(1)(a): further education sector, "
                                             "to 31 July",
                       "follows_record_id": "5d0c9a61-5b9e-4f0c-9a43-0f6f7c1b2d11"}}]})

    items: list[EducationRead]
    plan_limit: PlanLimitRead
