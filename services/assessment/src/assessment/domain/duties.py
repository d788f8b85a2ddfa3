"""Other duties with a clock: early education at two and detained young people (R9.1, R9.2)."""

from __future__ import annotations

from datetime import date

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
