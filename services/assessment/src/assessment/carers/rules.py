"""Pure rules of parent carers' needs assessments (R9.3, Children Act 1989 s.17ZD): recorded
on request or on the appearance of need, for carers of a child, completed once."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from assessment.domain.duties import (
    CarerAssessmentBasis,
    CarerAssessmentStatus,
    ParentCarerAssessment,
    check_parent_carer_assessment,
    decide_carer_assessed,
)

__all__ = ["decide_assessed", "decide_recorded"]


def decide_recorded(assessment_id: str, case_id: str, la_code: str, carer_name: str,
                    basis: CarerAssessmentBasis, identified_on: date, born_on: date,
                    created_at: datetime) -> ParentCarerAssessment:
    """R9.3: the assessment is due from the request or from when the need appeared."""
    check_parent_carer_assessment(born_on, identified_on)
    return ParentCarerAssessment(id=assessment_id, case_id=case_id, la_code=la_code,
                                 carer_name=carer_name, basis=basis,
                                 identified_on=identified_on,
                                 status=CarerAssessmentStatus.DUE, created_at=created_at)


def decide_assessed(found: ParentCarerAssessment, assessed_on: date) -> ParentCarerAssessment:
    """R9.3: completed once, on or after the day it was identified."""
    status, on = decide_carer_assessed(found, assessed_on)
    return replace(found, status=status, assessed_on=on)
