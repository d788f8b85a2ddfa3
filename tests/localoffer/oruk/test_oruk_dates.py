"""The ORUK services filters by date (issue 13 item 5), on Postgres and SQLite: `date`
finds what is open that date by every daily, weekly and monthly rule; with `start_time`
and `end_time` the same rule's hours lie within them; `day` still means any such weekday
(weekly and daily rules, and monthly rules on that weekday); pages and totals hold; a
daily rule is served as HSDS 3 has it (WEEKLY or MONTHLY only)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.harness import System
from tests.localoffer.oruk.oruk_schemas import assert_page, assert_valid
from tests.localoffer.search.dated_directory import seed_dated, short

ORUK = "/v1/local-offers/201/oruk"


async def page(lo: System, path: str = "/services", **params: Any) -> dict[str, Any]:
    response = await lo.clients["localoffer"].get(ORUK + path, params=params)
    assert response.status_code == 200, response.text
    return dict(response.json())


async def names(lo: System, **params: Any) -> set[str]:
    body = await page(lo, **params)
    return {short(item["name"]) for item in assert_page("service_list", body)}


@pytest.mark.parametrize(("params", "expected"), [
    ({"date": "2026-03-07"}, {"Art club", "Cinema", "Drop-in"}),
    ({"date": "2026-03-10"}, {"Breakfast club", "Cinema", "Drop-in", "Forum"}),
    ({"date": "2026-03-10", "start_time": "18:00"}, {"Cinema", "Forum"}),
    ({"date": "2026-03-10", "end_time": "09:00"}, {"Breakfast club"}),
    ({"date": "2026-03-14", "start_time": "09:00", "end_time": "11:00"}, {"Gym"}),
    ({"date": "2026-03-15"}, {"Drop-in", "Help clinic"}),
    ({"date": "2026-04-01", "search": "scheme"}, {"Easter holiday scheme"}),
    ({"date": "2026-03-10", "day": "TU", "start_time": "18:00"}, {"Cinema", "Forum"}),
    ({"date": "2026-03-10", "day": "WE"}, set()),      # both hold, on the same rule
    # a weekday: any such weekday, whatever the validity (as before dates came)
    ({"day": "SA"}, {"Art club", "Cinema", "Drop-in", "Easter holiday scheme", "Gym"}),
    ({"day": "TU", "start_time": "18:00"}, {"Cinema", "Forum"}),
])
async def test_services_open_on_a_date(lo: System, params: dict[str, Any],
                                       expected: set[str]) -> None:
    await seed_dated(lo)
    assert await names(lo, **params) == expected


async def test_services_by_date_page_and_count_right(lo: System) -> None:
    await seed_dated(lo)
    first = await page(lo, date="2026-03-10", per_page=3)
    second = await page(lo, date="2026-03-10", per_page=3, page=2)
    assert [short(s["name"]) for s in first["contents"]] == [
        "Breakfast club", "Cinema", "Drop-in"]
    assert [short(s["name"]) for s in second["contents"]] == ["Forum"]
    assert {(p["total_items"], p["total_pages"]) for p in (first, second)} == {(4, 2)}


async def test_service_at_locations_by_date(lo: System) -> None:
    await seed_dated(lo)
    body = await page(lo, "/service_at_locations", date="2026-03-14", postcode="LS1 4AP")
    assert {short(item["service"]["name"]) for item in body["contents"]} == {"Drop-in", "Gym"}


async def test_a_date_that_is_not_a_date_is_a_problem(lo: System) -> None:
    response = await lo.clients["localoffer"].get(ORUK + "/services",
                                                  params={"date": "2026-02-30"})
    assert response.status_code == 422
    assert response.headers["access-control-allow-origin"] == "*"
    assert response.json()["errors"][0]["field"] == "query.date"


async def test_daily_rules_are_served_in_hsds_3_terms(lo: System) -> None:
    """HSDS 3 knows WEEKLY and MONTHLY only: every day is weekly on all seven days, some
    weekdays weekly on those; every third day has no HSDS form, so it goes without a
    frequency and says itself in words."""
    await seed_dated(lo)
    by_name = {short(s["name"]): s["id"] for s in (await page(lo, per_page=50))["contents"]}
    served: dict[str, dict[str, Any]] = {}
    for name in ("Drop-in", "Breakfast club", "Cinema", "Forum"):
        full = await page(lo, f"/services/{by_name[name]}")
        assert_valid("service", full)
        [served[name]] = full["schedules"]
    assert (served["Drop-in"]["freq"], served["Drop-in"]["byday"]) == (
        "WEEKLY", "MO,TU,WE,TH,FR,SA,SU")
    assert (served["Breakfast club"]["freq"], served["Breakfast club"]["byday"]) == (
        "WEEKLY", "MO,TU,WE,TH,FR")
    assert "freq" not in served["Cinema"] and "byday" not in served["Cinema"]
    assert served["Cinema"]["description"] == "Every 3 days from 2026-03-01"
    assert served["Cinema"]["dtstart"] == "2026-03-01"
    assert (served["Forum"]["freq"], served["Forum"]["byday"]) == ("MONTHLY", "2TU,4TU")
    response = await lo.clients["localoffer"].get(ORUK + "/services",
                                                  params={"format": "ndjson"})
    for line in response.text.splitlines():
        assert_valid("service", json.loads(line))
