"""Whether the family may ask for a personal budget now (R7.1)."""

from __future__ import annotations

from fastapi import APIRouter

from budgets.access import StaffOrFamily, Transaction
from budgets.eligibility import service
from budgets.eligibility.schemas import EligibilityRead

router = APIRouter(prefix="/v1", tags=["eligibility"])


@router.get("/cases/{case_id}/budget-eligibility", response_model=EligibilityRead,
            summary="Where the case's plan stands, and whether a budget may be asked for")
async def read_eligibility(case_id: str, uow: Transaction,
                           principal: StaffOrFamily) -> EligibilityRead:
    """Where the case's EHC plan stands (from the assessment service's events) and whether a
    personal budget may be requested now (R7.1)."""
    return await service.eligibility(uow, principal, case_id)
