"""Section J as prepared for the plan (R2.1, R7.10)."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter
from pydantic import BaseModel

from budgets.access import StaffOrFamily, Transaction
from budgets.budgets.schemas import examples
from budgets.contracts import SectionJV1
from budgets.section_j import service

router = APIRouter(prefix="/v1", tags=["section J"])


class SectionJRead(BaseModel):
    model_config = examples({
        "budget_id": "5a2b3c4d-3333-4000-8000-000000000001",
        "case_id": "6d1c2f9a-1111-4000-8000-000000000001",
        "plan_id": "5d6e7f80-9a0b-4c1d-8e2f-3a4b5c6d7e8f", "revision": 1,
        "prepared_on": "2026-03-20",
        "section_j": {
            "budget_request_id": "5a2b3c4d-3333-4000-8000-000000000001", "revision": 1,
            "outcomes_supported": ["to talk with friends at play time"],
            "provision_funded": [
                {"funding_stream": "education",
                 "provision": "speech and language therapy in school",
                 "mechanism": "direct_payment", "annual_pence": 520000,
                 "block_commissioned": False}],
            "flexibility": "the family chooses the therapist",
            "direct_payments": [
                {"provision": "speech and language therapy in school",
                 "annual_pence": 520000, "needs_met": ["speech, language and communication"],
                 "outcomes_met": ["to talk with friends at play time"], "status": "pending",
                 "setting_name": "Oak Primary School", "setting_agreement": "requested"}],
            "total_pence": 520000, "text": "Personal budget: £5,200.00 a year."}})

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
