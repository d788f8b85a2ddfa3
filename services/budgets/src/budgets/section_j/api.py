"""Section J as prepared for the plan (R2.1, R7.10)."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter
from pydantic import BaseModel

from budgets.access import StaffOrFamily, Transaction
from budgets.contracts import SectionJV1
from budgets.section_j import service

router = APIRouter(prefix="/v1", tags=["section J"])


class SectionJRead(BaseModel):
    budget_id: str
    case_id: str
    plan_id: str | None
    revision: int
    prepared_on: date
    section_j: SectionJV1


@router.get("/budget-requests/{budget_id}/section-j", response_model=SectionJRead,
            summary="The latest Section J sent to the plan")
async def read_section_j(budget_id: str, uow: Transaction,
                         principal: StaffOrFamily) -> SectionJRead:
    """The latest Section J (the personal budget's part of the EHC plan) sent to the assessment
    service for the draft plan."""
    found = await service.latest(uow, principal, budget_id)
    return SectionJRead(budget_id=found.budget_id, case_id=found.case_id,
                        plan_id=found.plan_id, revision=found.revision,
                        prepared_on=found.prepared_on,
                        section_j=SectionJV1.model_validate(found.content))
