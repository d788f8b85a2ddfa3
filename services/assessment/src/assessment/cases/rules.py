"""Pure rules about a case: the child or young person's standing on a day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from assessment.domain import rules
from common import calendar


@dataclass(frozen=True, slots=True)
class Standing:
    year_group: int
    is_young_person: bool
    early_education_from: date | None


def standing(born_on: date, today: date, has_plan: bool) -> Standing:
    """The year group and whether a young person (over compulsory school age, R0.x); with a
    plan, below school age, the day free early education starts (R9.1)."""
    year_group = calendar.year_group(born_on, today)
    return Standing(year_group=year_group,
                    is_young_person=calendar.is_young_person(born_on, today),
                    early_education_from=rules.early_education_from(born_on)
                    if has_plan and year_group < 0 else None)
