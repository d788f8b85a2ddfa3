"""Routers of parent carers' needs assessments (R9.3)."""

from __future__ import annotations

from fastapi import APIRouter, status

from assessment.carers import service
from assessment.carers.schemas import (
    READ_EXAMPLE,
    CarerAssessed,
    CarerAssessmentCreate,
    CarerAssessmentRead,
)
from assessment.domain.duties import ParentCarerAssessment
from common.auth import CurrentPrincipal, LaStaff
from common.web import Transaction

router = APIRouter(prefix="/v1", tags=["parent carers"])


def _read(found: ParentCarerAssessment) -> CarerAssessmentRead:
    return CarerAssessmentRead(id=found.id, case_id=found.case_id, carer_name=found.carer_name,
                               basis=found.basis, identified_on=found.identified_on,
                               status=found.status, assessed_on=found.assessed_on)


@router.post("/cases/{case_id}/parent-carer-assessments", response_model=CarerAssessmentRead,
             status_code=status.HTTP_201_CREATED,
             summary="A parent carer's needs assessment is due (R9.3)")
async def record_assessment(case_id: str, body: CarerAssessmentCreate, uow: Transaction,
                            principal: LaStaff) -> CarerAssessmentRead:
    """Records that a parent carer of the (disabled) child is to have their needs assessed,
    because they asked (`basis: request`) or because it appears to the LA that they may have
    needs for support (`basis: appearance_of_need`) (Children Act 1989 s.17ZD(3)). It gets its
    own timeline entry and publishes `send.assessment.parent_carer_assessment.recorded.v1`, the
    notice to the LA's social care team. The child must be under 18 on `identified_on`."""
    return _read(await service.record_assessment(uow, principal, case_id, body))


@router.get("/cases/{case_id}/parent-carer-assessments",
            response_model=list[CarerAssessmentRead],
            responses={200: {"content": {"application/json": {"example": [READ_EXAMPLE]}}}})
async def list_assessments(case_id: str, uow: Transaction,
                           principal: CurrentPrincipal) -> list[CarerAssessmentRead]:
    """The parent carers' needs assessments recorded on the case, oldest first (R9.3)."""
    return [_read(found) for found in await service.assessments_of(uow, principal, case_id)]


@router.post("/parent-carer-assessments/{assessment_id}/assessed",
             response_model=CarerAssessmentRead,
             summary="Record the parent carer's needs assessment as carried out (R9.3)")
async def record_assessed(assessment_id: str, body: CarerAssessed, uow: Transaction,
                          principal: LaStaff) -> CarerAssessmentRead:
    """Completes a due parent carer's needs assessment, once, on or after the day it was
    identified and not in the future; a timeline entry records it."""
    return _read(await service.record_assessed(uow, principal, assessment_id, body))
