"""Thin router: the mediation report (R13.1, R6.5-R6.7)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from common.auth import LaStaff
from mediation.web import Transaction

from . import service
from .schemas import MediationReport

router = APIRouter(prefix="/v1", tags=["appeals and reporting"])


@router.get("/reports/mediation", response_model=MediationReport,
            summary="Cases by decision kind, share to mediation, outcomes, certificates on "
                    "time, appeals after mediation")
async def mediation_report(uow: Transaction, principal: LaStaff,
                           since: Annotated[date | None, Query(alias="from")] = None,
                           until: Annotated[date | None, Query(alias="to")] = None,
                           ) -> MediationReport:
    """The LA's mediation figures over a period: cases by decision kind, the share that went to
    mediation, outcomes, certificates issued and on time, and appeals registered after
    mediation."""
    return await service.mediation_report(uow, principal.la_code, since, until)
