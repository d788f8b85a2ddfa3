"""Pure SEN2 rules (R13.1): the census date, the collection year, age bands."""

from __future__ import annotations

from datetime import date

import pytest

from assessment.active_plans.rules import age_band
from assessment.sen2.rules import census_date, collection_period, decide_census_date
from common.errors import InvalidField


@pytest.mark.parametrize(("year", "census"), [
    (2023, date(2023, 1, 19)), (2024, date(2024, 1, 18)), (2025, date(2025, 1, 16)),
    (2026, date(2026, 1, 15)), (2027, date(2027, 1, 21)), (2032, date(2032, 1, 15)),
])
def test_r13_1_census_date_is_the_third_thursday_of_january(year: int, census: date) -> None:
    assert census_date(year) == census and census.weekday() == 3
    assert decide_census_date(census) == census
    assert collection_period(census) == (date(year - 1, 1, 1), date(year - 1, 12, 31))


@pytest.mark.parametrize("day", [date(2027, 1, 14), date(2027, 1, 28), date(2027, 1, 22),
                                 date(2026, 12, 17), date(1999, 1, 21)])
def test_r13_1_any_other_day_is_refused_naming_census_date(day: date) -> None:
    with pytest.raises(InvalidField) as refused:
        decide_census_date(day)
    assert refused.value.field == "census_date"


@pytest.mark.parametrize(("age", "band"), [
    (0, "under 5"), (4, "under 5"), (5, "5 to 10"), (10, "5 to 10"), (11, "11 to 15"),
    (15, "11 to 15"), (16, "16 to 19"), (19, "16 to 19"), (20, "20 to 25"),
    (25, "20 to 25"), (26, "over 25"),
])
def test_r13_1_age_bands_of_the_active_plans_report(age: int, band: str) -> None:
    assert age_band(age) == band
