"""Done-when of issue 13: the ORUK endpoints return schema-valid responses for a seeded
directory of 2,000 entries (imported through the ORUK feed importer)."""

from __future__ import annotations

import pytest

from localoffer.oruk.limits import RateLimiter
from tests.harness import System
from tests.localoffer.entries.directory_support import load_postcodes, staff, term
from tests.localoffer.oruk.feed_factory import ndjson_feed
from tests.localoffer.oruk.oruk_schemas import assert_page, assert_valid

ORUK = "/v1/local-offers/201/oruk"


@pytest.mark.timeout(600)
async def test_two_thousand_entries_give_schema_valid_pages(lo: System) -> None:
    await load_postcodes(lo)
    client = lo.clients["localoffer"]
    # one test client reads hundreds of documents: lift its per-address allowance
    client._transport.app.state.oruk_rate_limiter = RateLimiter(  # type: ignore[attr-defined]
        burst=100_000, per_second=100_000.0)
    imported = await client.post("/v1/local-offer/imports", params={"format": "ndjson"},
                                 content=ndjson_feed(2000), headers=staff(lo))
    assert imported.status_code == 200, imported.text[:500]
    assert imported.json()["created"] == 2000

    seen: set[str] = set()
    for page in range(1, 5):
        body = (await client.get(f"{ORUK}/services",
                                 params={"per_page": 500, "page": page})).json()
        seen |= {s["id"] for s in assert_page("service_list", body)}
        assert body["total_items"] == 2000 and body["total_pages"] == 4
    assert len(seen) == 2000

    filtered = (await client.get(f"{ORUK}/services", params={
        "search": "autism", "taxonomy_id": _needs_taxonomy(), "minimum_age": 2,
        "maximum_age": 20, "day": "WE", "start_time": "09:00", "per_page": 100})).json()
    for item in assert_page("service_list", filtered):
        full = (await client.get(f"{ORUK}/services/{item['id']}")).json()
        assert_valid("service", full)
        assert "autism" in (full["name"] + full["description"]).lower()
        assert 2 <= full["minimum_age"] and full["maximum_age"] <= 20
        assert any("WE" in s["byday"] and s["opens_at"] >= "09:00" for s in full["schedules"])

    near = (await client.get(f"{ORUK}/service_at_locations", params={
        "postcode": "LS1 4AP", "proximity": 3000, "taxonomy_term_id": term("health"),
        "per_page": 200})).json()
    for item in assert_page("service_at_location_list", near):
        one = (await client.get(f"{ORUK}/service_at_locations/{item['id']}")).json()
        assert_valid("service_at_location", one)
    assert_page("taxonomy_term", (await client.get(f"{ORUK}/taxonomy_terms")).json())
    assert_page("organization", (await client.get(f"{ORUK}/organizations")).json())


def _needs_taxonomy() -> str:
    from localoffer.taxonomy import seed
    return seed.AREAS_OF_NEED.id
