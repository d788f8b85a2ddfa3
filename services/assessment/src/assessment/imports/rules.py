"""Pure rules of a legacy import: the dates a row may carry and the review it starts (R3.1)."""

from __future__ import annotations

from datetime import date

from assessment.domain import rules
from common.errors import InvalidField


def check_row_dates(born_on: date, issued_on: date, last_reviewed_on: date | None,
                    today: date) -> None:
    """A child born by today, a plan issued between the birth and today, reviewed between
    its issue and today; raises InvalidField naming the column (a row rejected, not a rule
    of the Code)."""
    if born_on > today:
        raise InvalidField("date_of_birth", "date_of_birth may not be in the future",
                           kind="future-date")
    if issued_on > today or issued_on < born_on:
        raise InvalidField("issued_on", "issued_on must be between the date of birth and today")
    if last_reviewed_on and not issued_on <= last_reviewed_on <= today:
        raise InvalidField("last_reviewed_on",
                           "last_reviewed_on must be between issued_on and today")


def next_review_due_on(issued_on: date, last_reviewed_on: date | None) -> date:
    """R3.1: within 12 months of the plan's making or last review."""
    return rules.annual_review_due_on(last_reviewed_on or issued_on)
