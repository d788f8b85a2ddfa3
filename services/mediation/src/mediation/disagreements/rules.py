"""Pure rules of disagreement resolution (R6.12): open until resolved, not resolved or
withdrawn; not closed before it was asked for."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from mediation.domain.enums import DisagreementStatus
from mediation.domain.errors import Conflict, RuleViolation
from mediation.domain.records import CaseRecord, DisagreementRecord


def check_same_case(case: CaseRecord, case_id: str) -> bool:
    """Whether the mediation case named with a request belongs to the request's case."""
    return case.case_id == case_id


def decide_close(row: DisagreementRecord, status: DisagreementStatus, closed_on: date,
                 summary: str | None) -> DisagreementRecord:
    if row.status is not DisagreementStatus.OPEN:
        raise Conflict(f"Already {row.status}")
    if closed_on < row.requested_on:
        raise RuleViolation("R6.12", "closed before it was requested", "closed_on")
    return replace(row, status=status, closed_on=closed_on, summary=summary)
