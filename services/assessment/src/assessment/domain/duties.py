"""Other duties: early education at two, detained young people and parent carers' needs
assessments (R9.1, R9.2, R9.3)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from assessment.domain.errors import Conflict, RuleViolation
from common import calendar

DETAINED_PLAN_WORKING_DAYS = 5  # R9.2


def early_education_from(born_on: date) -> date:
    """R9.1: free early education from the start of the term after the second birthday;
    English terms start on 1 September, 1 January and 1 April."""
    second = calendar.anniversary(born_on, 2)
    starts = (date(second.year, 1, 1), date(second.year, 4, 1), date(second.year, 9, 1),
              date(second.year + 1, 1, 1))
    return next(day for day in starts if day > second)


def detained_plan_send_due_on(learned_on: date) -> date:
    """R9.2: send the plan to the youth offending team and the establishment within 5 working
    days of learning of the detention (RULES.md wording; the regulation text is unverified)."""
    return calendar.add_working_days(learned_on, DETAINED_PLAN_WORKING_DAYS)


class CarerAssessmentBasis(StrEnum):
    """Why a parent carer's needs assessment is due (R9.3, Children Act 1989 s.17ZD(3)):
    the parent carer asked, or it appears to the LA that they may have needs for support."""

    REQUEST = "request"
    APPEARANCE_OF_NEED = "appearance_of_need"


class CarerAssessmentStatus(StrEnum):
    DUE = "due"
    ASSESSED = "assessed"


@dataclass(frozen=True, slots=True)
class ParentCarerAssessment:
    """A parent carer's needs assessment recorded on a child's case (R9.3)."""

    id: str
    case_id: str
    la_code: str
    carer_name: str
    basis: CarerAssessmentBasis
    identified_on: date
    status: CarerAssessmentStatus
    created_at: datetime
    assessed_on: date | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "basis", CarerAssessmentBasis(self.basis))
        object.__setattr__(self, "status", CarerAssessmentStatus(self.status))


def check_parent_carer_assessment(born_on: date, identified_on: date) -> None:
    """R9.3: a parent carer is someone caring for a disabled *child* (s.17ZD(2)): the request
    or the appearance of need falls on or after the birth and before the 18th birthday."""
    if identified_on < born_on:
        raise RuleViolation("R9.3", "identified_on is before the child's date of birth",
                            "identified_on")
    if identified_on >= calendar.anniversary(born_on, 18):
        raise RuleViolation("R9.3", "parent carers' needs assessments are for carers of a "
                            "child under 18; a young carer's or adult carer's assessment "
                            "applies instead", "identified_on")


def decide_carer_assessed(found: ParentCarerAssessment,
                          assessed_on: date) -> tuple[CarerAssessmentStatus, date]:
    """R9.3: an assessment is completed once, no earlier than it was identified."""
    if found.status is CarerAssessmentStatus.ASSESSED:
        raise Conflict("This parent carer's needs assessment is already completed")
    if assessed_on < found.identified_on:
        raise RuleViolation("R9.3", f"assessed_on is before identified_on "
                            f"({found.identified_on})", "assessed_on")
    return CarerAssessmentStatus.ASSESSED, assessed_on
