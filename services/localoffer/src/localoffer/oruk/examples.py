"""Examples of the Open Referral UK documents this API answers with (HSDS 3.0 UK
profile), for its OpenAPI description: the same entry as `localoffer.examples`, shaped as
`oruk.render` shapes it (optional fields without a value left out)."""

from __future__ import annotations

from typing import Any

from localoffer import examples as ex

SAL_ID = "7d8e9fa0-8888-4000-8000-00000000b101"
LOCATION_ID = "6c7d8e9f-9999-4000-8000-00000000b201"
ORGANISATION = {"id": ex.ORGANISATION_ID, "name": "Leeds Swimming Trust",
                "description": "A charity running swimming sessions across Leeds.",
                "email": "hello@swim.example.org", "website": "https://swim.example.org"}
TERM = {"id": ex.ASD_TERM_ID, "code": "ASD", "name": "Autistic spectrum disorder",
        "term": "Autistic spectrum disorder", "taxonomy": "SEND Code of Practice areas of need",
        "taxonomy_id": ex.TERM["taxonomy_id"],
        "parent_id": "1a2b3c4d-aaaa-5000-8000-0000000c0001",
        "term_uri": ex.TERM["term_uri"]}
TAXONOMY = {"id": ex.TERM["taxonomy_id"], "name": "SEND Code of Practice areas of need",
            "description": "The four broad areas of need of the SEND Code of Practice 0-25.",
            "uri": "https://sendsys.example/taxonomies/send-areas-of-need", "version": "2015"}
SERVICE = {
    "id": ex.ENTRY_ID, "organization_id": ex.ORGANISATION_ID,
    "name": "Autism friendly swimming",
    "description": "Quiet pool sessions with staff trained in autism awareness.",
    "url": "https://swim.example.org/quiet-sessions", "email": "hello@swim.example.org",
    "status": "active", "fees": "£3.50 a session; carers free", "minimum_age": 4,
    "maximum_age": 25, "assured_date": "2026-03-02",
    "last_modified": "2026-03-02T09:00:00.000Z",
    "organization": ORGANISATION}
LOCATION = {"id": LOCATION_ID, "latitude": 53.7997, "longitude": -1.5492,
            "addresses": [{"id": "5b6c7d8e-bbbb-5000-8000-0000000c0002",
                           "location_id": LOCATION_ID,
                           "address_1": "Leeds International Pool, Westgate", "city": "Leeds",
                           "state_province": "England", "postal_code": "LS1 4AP",
                           "country": "GB", "address_type": "physical"}]}
SERVICE_FULL = {
    **SERVICE,
    "organization": {**ORGANISATION, "organization_identifiers": [
        {"id": "4a5b6c7d-cccc-5000-8000-0000000c0003", "organization_id": ex.ORGANISATION_ID,
         "identifier_scheme": "GB-CHC", "identifier_type": "Charity number",
         "identifier": "1123456"}]},
    "schedules": [{"id": "3f4a5b6c-dddd-4000-8000-0000000c0004", "service_id": ex.ENTRY_ID,
                   "freq": "MONTHLY", "interval": 1, "byday": "2SA,4SA", "opens_at": "10:00",
                   "closes_at": "11:30",
                   "description": "Second and fourth Saturday of the month"}],
    "service_areas": [{"id": "2e3f4a5b-eeee-5000-8000-0000000c0005",
                       "service_id": ex.ENTRY_ID, "name": "Leeds", "service_area": "Leeds",
                       "extent_type": "text"}],
    "service_at_locations": [{"id": SAL_ID, "service_id": ex.ENTRY_ID,
                              "location_id": LOCATION_ID, "location": LOCATION}],
    "cost_options": [{"id": "1d2e3f4a-ffff-4000-8000-0000000c0006",
                      "service_id": ex.ENTRY_ID, "option": "per session", "amount": 3.5}],
    "contacts": [{"id": "0c1d2e3f-0000-4000-8000-0000000c0007", "service_id": ex.ENTRY_ID,
                  "name": "Pool reception",
                  "phones": [{"id": "9b0c1d2e-1111-5000-8000-0000000c0008",
                              "number": "0113 000 0000"}]}],
    "attributes": [{"id": "8a9b0c1d-2222-5000-8000-0000000c0009", "link_id": ex.ENTRY_ID,
                    "link_type": "service", "link_entity": "service",
                    "taxonomy_term_id": ex.ASD_TERM_ID, "taxonomy_term": TERM}]}
SERVICE_AT_LOCATION = {"id": SAL_ID, "service_id": ex.ENTRY_ID, "location_id": LOCATION_ID,
                       "location": LOCATION, "service": SERVICE_FULL}


def page(*contents: dict[str, Any]) -> dict[str, Any]:
    """The ORUK page envelope around `contents` (page 1 of 1)."""
    return {"total_items": len(contents), "total_pages": 1, "page_number": 1,
            "size": len(contents), "first_page": True, "last_page": True,
            "empty": not contents, "contents": list(contents)}


def answer(example: Any, *more: tuple[str, Any]) -> dict[int | str, dict[str, Any]]:
    """A route's `responses` documenting its 200 answer by `example` (JSON), and any other
    media type given as (media type, example)."""
    content = {"application/json": {"example": example}}
    content.update({media: {"example": value} for media, value in more})
    return {200: {"content": content}}


ROOT = {"version": "3.0", "profile": "https://openreferraluk.org/profile",
        "openapi_url": "https://localoffer.example.gov.uk/openapi.json"}
#: `format=ndjson`: one fully nested service a line
NDJSON = '{"id": "5b2f0c3e-7d41-4c8a-9e15-3f6a2b8d9c01", "name": "Autism friendly ' \
    'swimming", "...": "..."}\n'
