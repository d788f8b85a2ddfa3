"""The Open Referral UK API (issue 13 item 5): public, read-only, CORS-open, rate-limited;
each filter alone and combined (ANDed); every response checked against the JSON Schemas
written from the ORUK profile 3.0 definitions (oruk/schemas/)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from localoffer.oruk.limits import RateLimiter
from localoffer.settings import LocalofferSettings
from localoffer.taxonomy import seed
from tests.harness import System
from tests.localoffer.entries.directory_support import (
    entry_body,
    load_postcodes,
    make_organisation,
    publish_entry,
    term,
)
from tests.localoffer.oruk.oruk_schemas import assert_page, assert_valid

ORUK = "/v1/local-offers/201/oruk"


async def seed_directory(lo: System) -> dict[str, str]:
    """Five entries that differ in every filtered field; returns name -> id."""
    await load_postcodes(lo)
    org = await make_organisation(lo, "Riverside Trust", kind="voluntary",
                                  charity_number="1100001", company_number="01234567")
    week = [{"freq": "WEEKLY", "byday": "MO,WE", "opens_at": "09:00", "closes_at": "17:00"}]
    made = [
        entry_body(org["id"], "Speech therapy clinic", categories=("health",),
                   needs=("SLCN",), minimum_age=0, maximum_age=11, schedules=week),
        entry_body(org["id"], "Autism youth club", categories=("leisure",), needs=("ASD",),
                   postcode="BD1 1HY", minimum_age=11, maximum_age=18, free_of_charge=False,
                   cost_options=[{"option": "Per session", "amount": "5.00"}],
                   schedules=[{"freq": "WEEKLY", "byday": "SA", "opens_at": "10:00",
                               "closes_at": "13:00"}]),
        entry_body(org["id"], "College transport", categories=("travel",), needs=("PD",),
                   postcode="YO1 7HH", minimum_age=16, maximum_age=25,
                   schedules=[{"freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR",
                               "opens_at": "07:30", "closes_at": "09:30"}]),
        entry_body(org["id"], "Sensory play nursery", categories=("early-years-education",),
                   needs=("VI",), postcode="LS6 2QT", minimum_age=0, maximum_age=5,
                   schedules=[{"freq": "WEEKLY", "byday": "TU,TH", "opens_at": "09:00",
                               "closes_at": "12:00"}]),
        entry_body(org["id"], "Parent carer forum", categories=("support-groups",), needs=(),
                   postcode=None, minimum_age=None, maximum_age=None, schedules=[]),
    ]
    return {body["name"]: (await publish_entry(lo, body))["id"] for body in made}


async def get(lo: System, path: str, **params: Any) -> Any:
    response = await lo.clients["localoffer"].get(ORUK + path, params=params)
    assert response.status_code == 200, response.text
    assert response.headers["access-control-allow-origin"] == "*"
    return response.json()


async def names(lo: System, **params: Any) -> set[str]:
    body = await get(lo, "/services", **params)
    return {item["name"] for item in assert_page("service_list", body)}


async def test_root_describes_the_profile_without_a_key(lo: System) -> None:
    root = await get(lo, "/")
    assert_valid("api_root", root)
    assert root["version"] == "3.0"


async def test_each_services_filter_alone(lo: System) -> None:
    """search, taxonomy_term_id, taxonomy_id, minimum_age, maximum_age, day, start_time,
    end_time, modified_after: each narrows the page as the profile describes."""
    await seed_directory(lo)
    everything = await names(lo)
    assert len(everything) == 5
    assert await names(lo, search="autism") == {"Autism youth club"}
    assert await names(lo, search="therapy") == {"Speech therapy clinic"}
    assert await names(lo, taxonomy_term_id=term("travel")) == {"College transport"}
    assert await names(lo, taxonomy_id=seed.AREAS_OF_NEED.id) == everything - {
        "Parent carer forum"}
    assert await names(lo, minimum_age=11) == {"Autism youth club", "College transport"}
    assert await names(lo, maximum_age=5) == {"Sensory play nursery"}
    assert await names(lo, day="SA") == {"Autism youth club"}
    assert await names(lo, start_time="09:00") == {
        "Speech therapy clinic", "Autism youth club", "Sensory play nursery"}
    assert await names(lo, end_time="12:00") == {"College transport", "Sensory play nursery"}
    assert await names(lo, modified_after="2026-03-02T09:00:00Z") == everything
    assert await names(lo, modified_after="2026-03-02T09:00:01Z") == set()


async def test_services_filters_combine_with_and(lo: System) -> None:
    await seed_directory(lo)
    assert await names(lo, day="TU", start_time="09:00") == {"Sensory play nursery"}
    assert await names(lo, day="MO", end_time="10:00") == {"College transport"}
    assert await names(lo, taxonomy_id=seed.AREAS_OF_NEED.id, maximum_age=11,
                       day="WE") == {"Speech therapy clinic"}
    assert await names(lo, search="nursery", taxonomy_term_id=term("VI"), minimum_age=0,
                       maximum_age=5, day="TH", start_time="08:00",
                       end_time="12:00") == {"Sensory play nursery"}
    assert await names(lo, search="nursery", taxonomy_term_id=term("travel")) == set()


async def test_pages_follow_the_envelope(lo: System) -> None:
    await seed_directory(lo)
    first = await get(lo, "/services", per_page=2)
    assert_page("service_list", first)
    assert (first["total_items"], first["total_pages"], first["page_number"], first["size"],
            first["first_page"], first["last_page"]) == (5, 3, 1, 2, True, False)
    last = await get(lo, "/services", per_page=2, page=3)
    assert (last["size"], last["last_page"], last["empty"]) == (1, True, False)
    beyond = await get(lo, "/services", per_page=2, page=4)
    assert_page("service_list", beyond)
    assert beyond["empty"] is True and beyond["contents"] == []


async def test_service_fully_nested_omits_empty_fields(lo: System) -> None:
    ids = await seed_directory(lo)
    full = await get(lo, f"/services/{ids['Autism youth club']}")
    assert_valid("service", full)
    assert full["cost_options"][0]["amount"] == 5.0
    assert full["schedules"][0]["byday"] == "SA"
    assert {i["identifier_scheme"] for i in full["organization"][
        "organization_identifiers"]} == {"GB-CHC", "GB-COH"}
    assert full["service_at_locations"][0]["location"]["addresses"][0]["postal_code"] == \
        "BD1 1HY"
    assert {a["taxonomy_term"]["name"] for a in full["attributes"]} == {
        "Leisure and activities", "Autistic spectrum disorder"}
    bare = await get(lo, f"/services/{ids['Parent carer forum']}")
    assert_valid("service", bare)
    assert "minimum_age" not in bare and "schedules" not in bare


async def test_service_at_locations_by_postcode_and_proximity(lo: System) -> None:
    ids = await seed_directory(lo)
    body = await get(lo, "/service_at_locations", postcode="LS1 4AP", proximity=5000)
    items = assert_page("service_at_location_list", body)
    assert [i["service"]["name"] for i in items] == [
        "Speech therapy clinic", "Sensory play nursery"]
    wider = await get(lo, "/service_at_locations", postcode="ls14ap", proximity=50_000,
                      taxonomy_id=seed.AREAS_OF_NEED.id, minimum_age=11)
    assert [i["service"]["name"] for i in assert_page("service_at_location_list", wider)] == [
        "Autism youth club", "College transport"]
    one_id = items[0]["id"]
    one = await get(lo, f"/service_at_locations/{one_id}")
    assert_valid("service_at_location", one)
    assert one["service"]["id"] == ids["Speech therapy clinic"]


async def test_taxonomies_terms_and_organizations(lo: System) -> None:
    await seed_directory(lo)
    taxonomies = assert_page("taxonomy", await get(lo, "/taxonomies"))
    assert {t["name"] for t in taxonomies} >= {"SEND Code of Practice areas of need",
                                               "LGA Local Government Service List"}
    terms = await get(lo, "/taxonomy_terms", per_page=100, taxonomy_id=seed.AREAS_OF_NEED.id)
    assert {t["code"] for t in assert_page("taxonomy_term", terms)} >= {"SLCN", "ASD", "PMLD"}
    assert terms["total_items"] == 15
    orgs = assert_page("organization", await get(lo, "/organizations"))
    assert [o["name"] for o in orgs] == ["Riverside Trust"]


async def test_lga_service_and_needs_lists_are_seeded_with_their_esd_uris(lo: System) -> None:
    """The LGA lists' published terms the local offer's categories use, as data: each with
    its esd identifier as code and its id.esd.org.uk URI; an entry tagged with one is found
    by it."""
    await load_postcodes(lo)
    services = await get(lo, "/taxonomy_terms", per_page=100, taxonomy_id=seed.LGA_SERVICES.id)
    by_code = {t["code"]: t for t in assert_page("taxonomy_term", services)}
    assert services["total_items"] == len([t for t in seed.LGA_TERMS
                                           if t.taxonomy is seed.LGA_SERVICES])
    assert by_code["40"]["name"] == "Special educational needs transport"
    assert by_code["40"]["term_uri"] == "http://id.esd.org.uk/service/40"
    assert by_code["261"]["term_uri"] == "http://id.esd.org.uk/service/261"
    needs = await get(lo, "/taxonomy_terms", per_page=100, taxonomy_id=seed.LGA_NEEDS.id)
    assert {(t["code"], t["term_uri"]) for t in assert_page("taxonomy_term", needs)} == {
        ("69", "http://id.esd.org.uk/need/69"), ("71", "http://id.esd.org.uk/need/71")}
    org = await make_organisation(lo, "County travel team", kind="local_authority")
    body = entry_body(org["id"], "SEN home to school transport", categories=("travel",))
    body["taxonomy_term_ids"].append(by_code["40"]["id"])
    made = await publish_entry(lo, body)
    assert await names(lo, taxonomy_term_id=by_code["40"]["id"]) == {
        "SEN home to school transport"}
    assert await names(lo, taxonomy_id=seed.LGA_SERVICES.id) == {
        "SEN home to school transport"}
    assert made["id"]


async def test_minimal_and_ndjson_for_bulk_sync(lo: System) -> None:
    ids = await seed_directory(lo)
    minimal = await get(lo, "/services", minimal="true", per_page=500)
    assert {i["id"] for i in assert_page("minimal_service", minimal)} == set(ids.values())
    response = await lo.clients["localoffer"].get(ORUK + "/services",
                                                  params={"format": "ndjson", "day": "MO"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(line) for line in response.text.splitlines()]
    for line in lines:
        assert_valid("service", line)
    assert {line["name"] for line in lines} == {"Speech therapy clinic", "College transport"}


@pytest.mark.parametrize(("params", "field"), [
    ({"taxonomy_term_id": "00000000-0000-4000-8000-000000000000"}, "taxonomy_term_id"),
    ({"taxonomy_id": "00000000-0000-4000-8000-000000000000"}, "taxonomy_id"),
    ({"minimum_age": 30}, "minimum_age"),
    ({"minimum_age": 12, "maximum_age": 4}, "minimum_age"),
    ({"day": "XX"}, "day"),
    ({"start_time": "25:99"}, "start_time"),
    ({"per_page": 0}, "query.per_page"),
])
async def test_bad_filters_are_problems_naming_the_field(lo: System, params: dict[str, Any],
                                                         field: str) -> None:
    response = await lo.clients["localoffer"].get(ORUK + "/services", params=params)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["access-control-allow-origin"] == "*"
    assert response.json()["errors"][0]["field"] == field


async def test_bad_postcodes_and_proximity_without_postcode(lo: System) -> None:
    await load_postcodes(lo)
    client = lo.clients["localoffer"]
    for params, field in (({"postcode": "NOT A CODE"}, "postcode"),
                          ({"postcode": "SW1A 1AA"}, "postcode"),  # not in the directory
                          ({"proximity": 1000}, "postcode")):
        response = await client.get(ORUK + "/service_at_locations", params=params)
        assert response.status_code == 422, params
        assert response.json()["errors"][0]["field"] == field


async def test_unknown_service_is_not_found(lo: System) -> None:
    response = await lo.clients["localoffer"].get(
        ORUK + "/services/00000000-0000-4000-8000-000000000000")
    assert response.status_code == 404
    assert response.headers["access-control-allow-origin"] == "*"


async def test_rate_limited_per_client_address_with_a_problem(lo: System) -> None:
    transport = lo.clients["localoffer"]._transport
    app = transport.app  # type: ignore[attr-defined]
    app.state.oruk_rate_limiter = RateLimiter(burst=3, per_second=0.01)
    statuses = [(await lo.clients["localoffer"].get(ORUK + "/taxonomies")).status_code
                for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = await lo.clients["localoffer"].get(ORUK + "/taxonomies")
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.headers["access-control-allow-origin"] == "*"
    assert int(refused.headers["retry-after"]) >= 1
    assert refused.json()["status"] == 429


async def _statuses(lo: System, forwarded_for: str, count: int) -> list[int]:
    return [(await lo.clients["localoffer"].get(
        ORUK + "/taxonomies", headers={"X-Forwarded-For": forwarded_for})).status_code
        for _ in range(count)]


async def test_rate_limit_keys_on_the_family_behind_a_trusted_proxy(lo: System) -> None:
    """Behind the council's proxy (the test client's address, 127.0.0.1, trusted) each
    family has its own allowance: the forwarded address, read from the right, so a
    forged entry on the left changes nothing."""
    app = lo.clients["localoffer"]._transport.app  # type: ignore[attr-defined]
    app.state.oruk_rate_limiter = RateLimiter(burst=2, per_second=0.01)
    app.state.localoffer_settings = LocalofferSettings(trusted_proxies=["127.0.0.0/8"])
    assert await _statuses(lo, "203.0.113.7", 3) == [200, 200, 429]
    assert await _statuses(lo, "198.51.100.20", 2) == [200, 200]  # another family
    assert await _statuses(lo, "192.0.2.99, 203.0.113.7", 1) == [429]  # forged left part


async def test_forwarded_for_from_an_untrusted_peer_is_ignored(lo: System) -> None:
    """Without trusted proxies (the default) the socket address is the client: a client
    cannot buy itself fresh allowances by inventing X-Forwarded-For."""
    app = lo.clients["localoffer"]._transport.app  # type: ignore[attr-defined]
    app.state.oruk_rate_limiter = RateLimiter(burst=2, per_second=0.01)
    app.state.localoffer_settings = LocalofferSettings()
    assert await _statuses(lo, "203.0.113.7", 2) == [200, 200]
    assert await _statuses(lo, "198.51.100.20", 1) == [429]
