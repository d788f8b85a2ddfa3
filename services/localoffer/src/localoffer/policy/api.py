"""The LA's personal budget policy in the local offer's public API (R7.4)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from common.errors import NotFound
from localoffer.policy import service
from localoffer.policy.schemas import BudgetPolicyRead
from localoffer.reading import ReadConnection

router = APIRouter(prefix="/v1", tags=["personal budget policy"])
LaCode = Annotated[str, Path(pattern=r"^\d{3}$", description="the LA's three-digit code")]


@router.get("/local-offers/{la_code}/personal-budget-policy", response_model=BudgetPolicyRead,
            summary="The LA's current personal budget policy (R7.4)")
async def personal_budget_policy(la_code: LaCode, conn: ReadConnection) -> BudgetPolicyRead:
    """The LA's current personal budget policy as the budgets service last published it (R7.4).
    Public, no account."""
    record = await service.current(conn, la_code)
    if record is None:
        raise NotFound(f"A personal budget policy for LA {la_code}")
    return BudgetPolicyRead(**record.__dict__)
