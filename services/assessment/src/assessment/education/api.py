"""Routers of what a young person is doing (R4.2-R4.4) and how long a plan may run."""

from __future__ import annotations

from fastapi import APIRouter, status

from assessment.education import service
from assessment.education.repository import EducationRecord
from assessment.education.rules import PlanLimit
from assessment.education.schemas import (
    EducationCreate,
    EducationPage,
    EducationRead,
    PlanLimitRead,
)
from common.auth import CurrentPrincipal, LaStaff
from common.web import Transaction

router = APIRouter(prefix="/v1", tags=["education"])

RECORD_EXAMPLE = {"id": "5d0c9a61-5b9e-4f0c-9a43-0f6f7c1b2d11",
                  "case_id": "0b7e3f52-8d7c-4a55-bb3e-8f1c2d4e5a61", "kind": "apprenticeship",
                  "provider_name": "Riverside Training", "started_on": "2025-09-01",
                  "ends_on": "2027-03-31"}


def _read(record: EducationRecord) -> EducationRead:
    return EducationRead(id=record.id, case_id=record.case_id, kind=record.kind,
                         provider_name=record.provider_name, started_on=record.started_on,
                         ends_on=record.ends_on)


def _limit(limit: PlanLimit, records: list[EducationRecord]) -> PlanLimitRead:
    follows = next((r.id for r in records if limit.follows is not None
                    and r.spell == limit.follows), None)
    return PlanLimitRead(latest_on=limit.latest_on, academic_year_rule=limit.academic_year_rule,
                         follows_record_id=follows)


@router.post("/cases/{case_id}/education", response_model=EducationRead,
             status_code=status.HTTP_201_CREATED,
             summary="Record what a young person is doing (R4.2-R4.4)",
             responses={201: {"content": {"application/json": {"example": RECORD_EXAMPLE}}}})
async def record_education(case_id: str, body: EducationCreate, uow: Transaction,
                           principal: LaStaff) -> EducationRead:
    """Records one dated spell of the young person's education or training from the
    controlled list (school, sixth form, FE college, sixth-form college, specialist post-16
    institution, apprenticeship, traineeship, supported internship, other), with a timeline
    entry. An apprenticeship needs its end date (`ends_on`), since a plan may run to it after
    the 25th birthday (Regs reg 46(1)(b)); `started_on` may not be in the future nor before
    the date of birth. Refusals are problems naming the field and rule R4.4."""
    return _read(await service.record_education(uow, principal, case_id, body))


@router.get("/cases/{case_id}/education", response_model=EducationPage,
            summary="What a young person is doing, and how long the plan may run (R4.4)")
async def read_education(case_id: str, uow: Transaction,
                         principal: CurrentPrincipal) -> EducationPage:
    """Every education or training record of the case, oldest first, with the latest day a
    plan may be maintained after the 25th birthday (CFA s.46, Regs reg 46(1)): 31 July when
    the young person is in the further education sector, the apprenticeship's end for an
    apprentice, otherwise 31 August; never past the day before the 26th birthday. The family
    see only their own case."""
    records, limit = await service.education_of(uow, principal, case_id)
    return EducationPage(items=[_read(r) for r in records], plan_limit=_limit(limit, records))
