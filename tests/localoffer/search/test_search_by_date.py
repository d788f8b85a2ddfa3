"""The families' search by date (issue 13 item 4), on Postgres and SQLite: what is open on
a date by every daily, weekly and monthly rule, at a time or at some time that day; pages
and totals stay right when the date leaves out entries between those it keeps; a day of
the week still means the next such date and needs a time."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from localoffer.domain import schedules
from localoffer.entries.content import schedule_of
from localoffer.entries.schemas import ScheduleIn
from tests.harness import System
from tests.localoffer.search.dated_directory import RULES, seed_dated, short

SEARCH = "/v1/local-offers/201/search"


async def search(lo: System, **params: Any) -> dict[str, Any]:
    response = await lo.clients["localoffer"].get(SEARCH, params=params)
    assert response.status_code == 200, response.text
    return dict(response.json())


def names(page: dict[str, Any]) -> list[str]:
    return [short(item["name"]) for item in page["items"]]


@pytest.mark.parametrize(("date", "time", "open_then"), [
    # Saturday 7 March: the first Saturday; six days after the cinema's start
    ("2026-03-07", None, ["Art club", "Cinema", "Drop-in"]),
    ("2026-03-07", "11:00", ["Art club", "Drop-in"]),
    ("2026-03-07", "19:00", ["Cinema"]),
    ("2026-03-07", "20:00", []),                               # closing time excluded
    ("2026-03-14", None, ["Drop-in", "Gym"]),                  # the gym's first Saturday
    ("2026-03-21", None, ["Drop-in"]),                         # its week off
    ("2026-03-28", None, ["Cinema", "Drop-in", "Gym"]),
    ("2026-03-10", None, ["Breakfast club", "Cinema", "Drop-in", "Forum"]),  # 2nd Tuesday
    ("2026-03-10", "08:00", ["Breakfast club"]),
    ("2026-03-15", None, ["Drop-in", "Help clinic"]),          # a Sunday, the 15th
    ("2026-04-01", None, ["Breakfast club", "Drop-in", "Easter holiday scheme"]),
    ("2026-04-15", None, ["Breakfast club", "Cinema", "Drop-in", "Help clinic"]),
])
async def test_open_on_a_date_by_every_rule(lo: System, date: str, time: str | None,
                                            open_then: list[str]) -> None:
    params = {"date": date, "per_page": 20} | ({"time": time} if time else {})
    await seed_dated(lo)
    page = await search(lo, **params)
    assert names(page) == open_then
    assert page["total"] == len(open_then)


async def test_the_search_says_what_the_rule_says_every_day_of_two_months(
        lo: System) -> None:
    """The search's SQL against `open_on`, the pure rule, for each day of March and April
    2026 (the Easter scheme's window, the gym's start, month ends)."""
    await seed_dated(lo)
    rules = {short(name): schedule_of(ScheduleIn(**rule), "schedule")
             for name, rule in RULES.items()}
    day = date(2026, 3, 1)
    while day <= date(2026, 4, 30):
        expected = sorted(name for name, rule in rules.items()
                          if schedules.open_on(rule, day))
        assert names(await search(lo, date=day.isoformat(), per_page=20)) == expected, day
        day += timedelta(days=1)


async def test_pages_and_totals_hold_across_a_page_boundary(lo: System) -> None:
    """2nd Tuesday: four of eight entries open, the first shut one (Art club) before them
    in name order and the others between and after them."""
    await seed_dated(lo)
    pages = [await search(lo, date="2026-03-10", per_page=3, page=n) for n in (1, 2, 3)]
    assert [names(p) for p in pages] == [["Breakfast club", "Cinema", "Drop-in"],
                                         ["Forum"], []]
    assert {(p["total"], p["total_pages"]) for p in pages} == {(4, 2)}
    pairs = [await search(lo, date="2026-03-10", time="19:00", per_page=1, page=n)
             for n in (1, 2)]
    assert [names(p) for p in pairs] == [["Cinema"], ["Forum"]]
    assert {(p["total"], p["total_pages"]) for p in pairs} == {(2, 2)}
    # with words the search ranks and counts in one pass: the date still bounds it
    worded = await search(lo, q="club", date="2026-03-07", per_page=1)
    assert (names(worded), worded["total"]) == (["Art club"], 1)


async def test_a_day_of_the_week_still_means_the_next_such_date(lo: System) -> None:
    await seed_dated(lo)
    # Monday 2 March: the next Saturday is the 7th, the first of the month
    assert names(await search(lo, day="SA", time="11:00")) == ["Art club", "Drop-in"]
    assert names(await search(lo, day="2026-03-14", time="10:00")) == ["Drop-in", "Gym"]


@pytest.mark.parametrize(("params", "field"), [
    ({"date": "2026-03-07", "day": "SA", "time": "10:00"}, "date"),
    ({"time": "10:00"}, "day"),
    ({"day": "SA"}, "time"),
    ({"date": "2026-03-07", "time": "noon"}, "time"),
])
async def test_bad_date_criteria_are_problems_naming_the_field(
        lo: System, params: dict[str, Any], field: str) -> None:
    response = await lo.clients["localoffer"].get(SEARCH, params=params)
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["field"] == field


async def test_a_date_that_is_not_a_date_is_refused(lo: System) -> None:
    response = await lo.clients["localoffer"].get(SEARCH, params={"date": "2026-02-30"})
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["field"] == "query.date"
