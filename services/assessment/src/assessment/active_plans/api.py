"""Router of the report of active plans by age band and primary need (R13.1)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from assessment.active_plans import service
from assessment.active_plans.schemas import ActivePlansRead
from common.auth import LaStaff
from common.web import Runtime, Transaction

router = APIRouter(prefix="/v1", tags=["sen2"])


@router.get("/reports/active-plans", response_model=ActivePlansRead,
            summary="Active EHC plans by age band and primary need")
async def active_plans(uow: Transaction, runtime: Runtime, principal: LaStaff,
                       on: Annotated[date | None, Query(
                           description="the day counted (default today); the SEN2 census "
                                       "date gives the published figure")] = None
                       ) -> ActivePlansRead:
    """The LA's plans maintained on the day, by the person's age on it (the DfE's bands)
    and primary need (the SEN type ranked first in the case's SEN2 details; `not recorded`
    when none is)."""
    report = await service.active_plans(uow.connection, principal.la_code,
                                        on or runtime.clock.today())
    return ActivePlansRead(**asdict(report))
