"""Public search of the local offer (issue 13 item 4), without an account, on Postgres
(tsvector + GIN) and SQLite (FTS5): full text, taxonomy, need, age, free, open on a
day/time and distance from a postcode (bounding box, then exact haversine), ranked."""

from __future__ import annotations

from typing import Any

import pytest

from tests.harness import System
from tests.localoffer.entries.directory_support import (
    entry_body,
    load_postcodes,
    make_organisation,
    publish_entry,
)

SEARCH = "/v1/local-offers/201/search"


async def seed(lo: System) -> None:
    await load_postcodes(lo)
    org = await make_organisation(lo, "Borough SEND services", kind="local_authority")
    mon = [{"freq": "WEEKLY", "byday": "MO", "opens_at": "09:00", "closes_at": "12:00"}]
    sat = [{"freq": "WEEKLY", "byday": "SA", "opens_at": "10:00", "closes_at": "16:00"}]
    for body in (
        entry_body(org["id"], "Autism support group", categories=("support-groups",),
                   needs=("ASD",), postcode="LS1 4AP", minimum_age=5, maximum_age=18,
                   schedules=mon),
        entry_body(org["id"], "Autism friendly swimming", categories=("leisure",),
                   needs=("ASD",), postcode="LS17 8RF", minimum_age=4, maximum_age=25,
                   free_of_charge=False, cost_options=[{"amount": "3.50"}], schedules=sat,
                   description="Quiet pool sessions; autism awareness trained staff"),
        entry_body(org["id"], "Hearing support service", categories=("health",),
                   needs=("HI",), postcode="HX1 1UJ", minimum_age=0, maximum_age=19,
                   schedules=mon),
        entry_body(org["id"], "Post-16 travel training", categories=("travel",),
                   needs=("MLD",), postcode="YO1 7HH", minimum_age=16, maximum_age=25,
                   schedules=sat),
        entry_body(org["id"], "Closed autism clinic", categories=("health",), needs=("ASD",),
                   postcode="LS6 2QT", status="inactive"),
    ):
        await publish_entry(lo, body)


async def search(lo: System, **params: Any) -> dict[str, Any]:
    response = await lo.clients["localoffer"].get(SEARCH, params=params)
    assert response.status_code == 200, response.text
    return dict(response.json())


def names(page: dict[str, Any]) -> list[str]:
    return [item["name"] for item in page["items"]]


async def test_full_text_is_ranked_and_inactive_entries_are_hidden(lo: System) -> None:
    await seed(lo)
    page = await search(lo, q="autism")
    # the name weighs more than the description; inactive entries are not shown
    assert set(names(page)) == {"Autism support group", "Autism friendly swimming"}
    assert (await search(lo, q="autism swimming"))["total"] == 1
    assert names(await search(lo, q="swim")) == ["Autism friendly swimming"]  # stemmed
    assert (await search(lo, q='"; DROP TABLE entry; --'))["total"] == 0
    assert (await search(lo))["total"] == 4


async def test_taxonomy_need_age_and_free_filters(lo: System) -> None:
    await seed(lo)
    assert names(await search(lo, category="travel")) == ["Post-16 travel training"]
    assert set(names(await search(lo, need="ASD"))) == {"Autism support group",
                                                        "Autism friendly swimming"}
    assert names(await search(lo, need="ASD", category="leisure")) == [
        "Autism friendly swimming"]
    assert set(names(await search(lo, age=2))) == {"Hearing support service"}
    assert set(names(await search(lo, age=17, free="true"))) == {
        "Autism support group", "Hearing support service", "Post-16 travel training"}


async def test_open_on_a_day_and_time(lo: System) -> None:
    await seed(lo)
    assert set(names(await search(lo, day="MO", time="09:00"))) == {
        "Autism support group", "Hearing support service"}
    assert names(await search(lo, day="monday", time="12:00")) == []  # closing time excluded
    assert set(names(await search(lo, day="SA", time="15:59"))) == {
        "Autism friendly swimming", "Post-16 travel training"}


async def seed_recurring(lo: System) -> None:
    """Schedules in each RFC 5545 form the entries store (the clock: Monday 2 March 2026)."""
    await load_postcodes(lo)
    org = await make_organisation(lo, "Borough SEND services", kind="local_authority")
    rules: dict[str, dict[str, Any]] = {
        "Parent forum (2nd and 4th Tuesday)": {"freq": "MONTHLY", "byday": "2TU,4TU"},
        "Sensory club (last Friday)": {"freq": "MONTHLY", "byday": "-1FR"},
        "Fortnightly drop-in (Tuesdays)": {"freq": "WEEKLY", "byday": "TU", "interval": 2,
                                           "dtstart": "2026-03-03"},
        "Month-end advice clinic": {"freq": "MONTHLY", "bymonthday": "-1"},
        "Summer term swimming (Thursdays)": {"freq": "WEEKLY", "byday": "TH",
                                             "valid_from": "2026-04-13",
                                             "valid_to": "2026-07-17"},
    }
    for name, rule in rules.items():
        await publish_entry(lo, entry_body(
            org["id"], name, categories=("leisure",), needs=("ASD",), postcode="LS1 4AP",
            schedules=[{**rule, "opens_at": "18:00", "closes_at": "20:00"}]))


@pytest.mark.parametrize(("day", "open_then"), [
    ("2026-03-10", {"Parent forum (2nd and 4th Tuesday)"}),   # 2nd Tuesday, off week
    ("2026-03-03", {"Fortnightly drop-in (Tuesdays)"}),        # 1st Tuesday, on week
    ("2026-03-17", {"Fortnightly drop-in (Tuesdays)"}),
    ("2026-03-24", {"Parent forum (2nd and 4th Tuesday)"}),
    ("2026-03-31", {"Fortnightly drop-in (Tuesdays)", "Month-end advice clinic"}),
    ("2026-03-27", {"Sensory club (last Friday)"}),
    ("2026-03-20", set()),                                       # a Friday, not the last
    ("2026-02-28", {"Month-end advice clinic"}),
    ("2026-03-05", set()),                                       # before the summer term
    ("2026-05-07", {"Summer term swimming (Thursdays)"}),
    ("2026-07-23", set()),                                       # after it
    ("TU", {"Fortnightly drop-in (Tuesdays)"}),  # the next Tuesday from Monday 2 March: 3rd
    ("FR", set()),                               # Friday 6 March
])
async def test_open_on_a_day_follows_every_rfc5545_form_stored(
        lo: System, day: str, open_then: set[str]) -> None:
    """Monthly by weekday (nth, from the end), by month day (from the end), every n weeks
    from dtstart, and validity windows: a day of the week means the next such date."""
    await seed_recurring(lo)
    assert set(names(await search(lo, day=day, time="19:00", per_page=20))) == open_then
    assert names(await search(lo, day=day, time="20:00")) == []  # closing time excluded


async def test_distance_from_a_postcode_orders_and_bounds(lo: System) -> None:
    """LS1 4AP to LS17 8RF is about 8 km, to HX1 1UJ about 22 km, to YO1 7HH about 35 km."""
    await seed(lo)
    page = await search(lo, postcode="ls1 4ap", radius_km=30)
    assert names(page) == ["Autism support group", "Autism friendly swimming",
                           "Hearing support service"]
    distances = [item["distance_km"] for item in page["items"]]
    assert distances[0] == 0.0 and 7.5 < distances[1] < 8.5 and 21.5 < distances[2] < 23
    assert page["items"][1]["nearest_postcode"] == "LS17 8RF"
    assert names(await search(lo, postcode="LS1 4AP", radius_km=5)) == [
        "Autism support group"]
    combined = await search(lo, q="autism", postcode="LS1 4AP", radius_km=10, age=10,
                            day="SA", time="11:00")
    assert names(combined) == ["Autism friendly swimming"]


async def test_pages_of_results(lo: System) -> None:
    await seed(lo)
    first = await search(lo, per_page=3)
    second = await search(lo, per_page=3, page=2)
    assert (first["total"], first["total_pages"], len(first["items"]),
            len(second["items"])) == (4, 2, 3, 1)
    assert not set(names(first)) & set(names(second))


@pytest.mark.parametrize(("params", "field"), [
    ({"postcode": "ZZZ 999"}, "postcode"),
    ({"postcode": "SW1A 1AA"}, "postcode"),
    ({"age": 26}, "age"),
    ({"age": -1}, "age"),
    ({"category": "no-such-term"}, "category"),
    ({"need": "XYZ"}, "need"),
    ({"day": "MO"}, "time"),
    ({"day": "someday", "time": "10:00"}, "day"),
    ({"day": "2026-02-30", "time": "10:00"}, "day"),
])
async def test_bad_criteria_are_problems_naming_the_field(lo: System, params: dict[str, Any],
                                                          field: str) -> None:
    await load_postcodes(lo)
    response = await lo.clients["localoffer"].get(SEARCH, params=params)
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["field"] == field
