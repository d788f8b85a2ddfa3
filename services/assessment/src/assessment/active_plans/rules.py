"""Pure rules of the report of active EHC plans by age band and primary need (R13.1): the
count the DfE publishes from SEN2, taken from live records on any day."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from assessment.sen2.rules import PersonFacts, is_active
from assessment.sen2_validation.rules import SEN_TYPES, age_on

# The DfE's published age bands of EHC plans; age on the day of the report.
AGE_BANDS = (("under 5", 0, 4), ("5 to 10", 5, 10), ("11 to 15", 11, 15),
             ("16 to 19", 16, 19), ("20 to 25", 20, 25))
OVER_25, NOT_RECORDED = "over 25", "not recorded"


@dataclass(frozen=True, slots=True)
class Cell:
    age_band: str
    primary_need: str
    plans: int


@dataclass(frozen=True, slots=True)
class ActivePlans:
    on: date
    total: int
    by_age_band: dict[str, int]
    by_primary_need: dict[str, int]
    cells: list[Cell]


def age_band(age: int) -> str:
    for name, low, high in AGE_BANDS:
        if low <= age <= high:
            return name
    return OVER_25


def active_plans(people: Iterable[PersonFacts], on: date) -> ActivePlans:
    """Each plan maintained on `on`, counted by the person's age band and primary need (the
    need ranked first, SEN2 item 5.8); bands and needs in their published order."""
    counted: Counter[tuple[str, str]] = Counter()
    for person in people:
        need = person.detail.sen_types[0] if person.detail.sen_types else NOT_RECORDED
        band = age_band(age_on(person.case.date_of_birth, on))
        counted[(band, need)] += sum(1 for p in person.plans if is_active(p.plan, on))
    bands = [b for b, _, _ in AGE_BANDS] + [OVER_25]
    needs = [*SEN_TYPES, NOT_RECORDED]
    cells = [Cell(b, n, counted[(b, n)]) for b in bands for n in needs if counted[(b, n)]]
    return ActivePlans(
        on=on, total=sum(c.plans for c in cells),
        by_age_band={b: sum(c.plans for c in cells if c.age_band == b) for b in bands},
        by_primary_need={n: sum(c.plans for c in cells if c.primary_need == n)
                         for n in needs},
        cells=cells)
