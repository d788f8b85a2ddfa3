"""Bad input to the entries API (issue 13 "Bad input"): each a problem naming the field
and rule, and nothing written."""

from __future__ import annotations

from typing import Any

import pytest

from tests.harness import System
from tests.localoffer.entries.directory_support import (
    entry_body,
    load_postcodes,
    make_organisation,
    publish_entry,
    staff,
)

ENTRIES = "/v1/local-offer/entries"


@pytest.mark.parametrize(("changes", "field", "rule"), [
    ({"minimum_age": -1}, "minimum_age", "R8.1"),
    ({"maximum_age": 26}, "maximum_age", "R8.1"),
    ({"minimum_age": 19, "maximum_age": 16}, "minimum_age", "R8.1"),
    ({"taxonomy_term_ids": ["00000000-0000-4000-8000-00000000beef"]}, "taxonomy_term_ids.0",
     "LO-TAXONOMY"),
    ({"locations": [{"address_1": "1 Road", "city": "Leeds", "postcode": "12345"}]},
     "locations.0.postcode", "LO-POSTCODE"),
    ({"schedules": [{"freq": "WEEKLY", "byday": "MO", "opens_at": "17:00",
                     "closes_at": "09:00"}]}, "schedules.0.closes_at", "LO-SCHEDULE"),
    ({"schedules": [{"freq": "YEARLY", "byday": "MO", "opens_at": "09:00",
                     "closes_at": "10:00"}]}, "schedules.0.freq", "LO-SCHEDULE"),
    ({"schedules": [{"freq": "DAILY", "bymonthday": "1", "opens_at": "09:00",
                     "closes_at": "10:00"}]}, "schedules.0.bymonthday", "LO-SCHEDULE"),
    ({"schedules": [{"freq": "DAILY", "interval": 3, "opens_at": "09:00",
                     "closes_at": "10:00"}]}, "schedules.0.dtstart", "LO-SCHEDULE"),
    ({"cost_options": [{"amount": "12.50"}]}, "cost_options.0.amount", "LO-COST"),
])
async def test_rule_breaking_drafts_are_refused(lo: System, changes: dict[str, Any],
                                                field: str, rule: str) -> None:
    org = await make_organisation(lo)
    response = await lo.clients["localoffer"].post(
        ENTRIES, json=entry_body(org["id"], postcode=None, **changes), headers=staff(lo))
    assert response.status_code == 422, response.text
    problem = response.json()
    assert response.headers["content-type"] == "application/problem+json"
    assert (problem["errors"][0]["field"], problem["errors"][0]["rule"]) == (field, rule)
    assert (await lo.clients["localoffer"].get(ENTRIES, headers=staff(lo))).json()[
        "total"] == 0


async def test_a_postcode_outside_the_loaded_directory_stops_publication(lo: System) -> None:
    """The draft is kept (its shape is right) but cannot be published until it can be
    placed: nothing of the entry is published, the draft stays."""
    await load_postcodes(lo)
    org = await make_organisation(lo)
    client = lo.clients["localoffer"]
    entry_id = (await client.post(ENTRIES, json=entry_body(org["id"], postcode="SW1A 1AA"),
                                  headers=staff(lo))).json()["entry_id"]
    refused = await client.post(f"{ENTRIES}/{entry_id}/publish", headers=staff(lo))
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "locations.0.postcode"
    working = (await client.get(f"{ENTRIES}/{entry_id}", headers=staff(lo))).json()
    assert working["published"] is None and working["draft"]["state"] == "draft"
    assert await lo.outbox_events("localoffer", "send.localoffer.entry.published.v1") == []


async def test_html_in_free_text_is_stored_exactly_as_given(lo: System) -> None:
    await load_postcodes(lo)
    org = await make_organisation(lo)
    text = '<script>alert("hi")</script><img src=x onerror=alert(1)> & "quotes"'
    published = await publish_entry(lo, entry_body(org["id"], description=text,
                                                   eligibility_description=text))
    assert published["content"]["description"] == text
    assert published["content"]["eligibility_description"] == text


async def test_unknown_fields_and_oversized_bodies_are_refused(lo: System) -> None:
    org = await make_organisation(lo)
    client = lo.clients["localoffer"]
    unknown = await client.post(ENTRIES, json={**entry_body(org["id"]), "colour": "red"},
                                headers=staff(lo))
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["field"] == "body.colour"
    huge = await client.post(ENTRIES, content=b'{"name": "' + b"x" * 2_000_000 + b'"}',
                             headers={**staff(lo), "content-type": "application/json"})
    assert huge.status_code == 413
    assert huge.headers["content-type"] == "application/problem+json"


async def test_an_entry_of_another_la_is_not_found(lo: System) -> None:
    org = await make_organisation(lo)
    entry_id = (await lo.clients["localoffer"].post(
        ENTRIES, json=entry_body(org["id"], postcode=None), headers=staff(lo))).json()[
        "entry_id"]
    other = await lo.clients["localoffer"].get(f"{ENTRIES}/{entry_id}",
                                               headers=lo.token("la_caseworker", la="202"))
    assert other.status_code == 404
