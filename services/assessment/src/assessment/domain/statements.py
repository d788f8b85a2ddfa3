"""Transfer from statements of SEN and learning difficulty assessments (R5.1-R5.4)."""

from __future__ import annotations

from datetime import date

from assessment.domain.model import PhaseTransferKind
from assessment.domain.requests import request_deadlines
from common import calendar

TRANSFER_REVIEW_NOTICE_DAYS = 14  # R5.1
TRANSITION_STARTED = date(2014, 9, 1)
LONGER_LIMIT_FROM = date(2015, 9, 1)  # R5.2
STATEMENTS_TRANSFERRED_BY = date(2018, 4, 1)  # R5.3
LDAS_TRANSFERRED_BY = date(2016, 9, 1)  # R5.3


def transfer_review_notice_by(starts_on: date) -> date:
    """R5.1: at least 2 weeks' notice of the start of a transfer review."""
    return calendar.add_days(starts_on, -TRANSFER_REVIEW_NOTICE_DAYS)


def transfer_review_due_on(starts_on: date) -> date:
    """R5.2: 14 weeks from the start for reviews begun before 1 September 2015, 18 weeks for
    those begun on or after it."""
    return calendar.add_weeks(starts_on, 14 if starts_on < LONGER_LIMIT_FROM else 18)


def statement_phase_transfer_due_on(kind: PhaseTransferKind, transfer_year: int) -> date:
    """R5.3: a child with a statement moving phase: secondary → post-16 by 31 May in 2015 and
    31 March later; any other phase transfer by 15 February of the transfer year."""
    if kind is PhaseTransferKind.SECONDARY_TO_POST16:
        return date(2015, 5, 31) if transfer_year == 2015 else date(transfer_year, 3, 31)
    return date(transfer_year, 2, 15)


def statement_transfer_deadline(born_on: date, *, phase_transfer: PhaseTransferKind | None = None,
                                transfer_year: int | None = None) -> date:
    """R5.3: the earliest cohort deadline that applies: the phase transfer (if any), the
    end of year 9 for those in year 9 from 2014/15 (transfer before starting year 10) and, for
    everyone, 1 April 2018."""
    deadlines = [STATEMENTS_TRANSFERRED_BY]
    year_9_starts = calendar.reception_school_year(born_on) + 9
    if year_9_starts >= TRANSITION_STARTED.year:
        deadlines.append(date(year_9_starts + 1, 8, 31))
    if phase_transfer is not None and transfer_year is not None:
        deadlines.append(statement_phase_transfer_due_on(phase_transfer, transfer_year))
    return min(deadlines)


def lda_transfer_due_on(received_on: date) -> date:
    """R5.4, R5.3: an LDA transfer is a new request with the 20-week limit, and all LDA
    transfers were due by 1 September 2016."""
    return min(request_deadlines(received_on).final_plan_due_on, LDAS_TRANSFERRED_BY)
