"""The personal budgets report over HTTP (LA staff)."""

from __future__ import annotations

from fastapi import APIRouter

from budgets.access import Staff, Transaction
from budgets.reporting import service
from budgets.reporting.schemas import BudgetsReport
from common.web import Runtime

router = APIRouter(prefix="/v1/reports", tags=["reporting"])


@router.get("/budgets", response_model=BudgetsReport,
            summary="Budgets by SEN2 type, totals by funding stream, direct payments active, "
                    "reviews on time")
async def budgets_report(uow: Transaction, principal: Staff, runtime: Runtime) -> BudgetsReport:
    """The LA's personal budget figures: budgets by SEN2 type, totals by funding stream, direct
    payments active and reviews done on time."""
    return await service.report(uow, runtime.deadlines, principal.la_code)
