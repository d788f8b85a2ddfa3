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
])
async def test_bad_criteria_are_problems_naming_the_field(lo: System, params: dict[str, Any],
                                                          field: str) -> None:
    await load_postcodes(lo)
    response = await lo.clients["localoffer"].get(SEARCH, params=params)
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["field"] == field
