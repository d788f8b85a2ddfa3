"""Schedule 2 completeness (R8.1, R8.2): per LA, each heading with the published entries
that satisfy it, the empty ones flagged, a percentage; the gap closes on publication."""

from __future__ import annotations

from tests.harness import System
from tests.localoffer.entries.directory_support import (
    entry_body,
    load_postcodes,
    make_organisation,
    publish_entry,
    staff,
)

REPORT = "/v1/local-offer/completeness"


async def test_the_report_shows_the_gap_closing_when_an_entry_is_published(
        lo: System) -> None:
    """R8.1: travel and post-16 provision out of area must be in the offer; publishing
    entries for them fills those headings and raises the figure."""
    await load_postcodes(lo)
    client = lo.clients["localoffer"]
    org = await make_organisation(lo)
    await publish_entry(lo, entry_body(org["id"], "Speech clinic", categories=("health",)))
    before = (await client.get(REPORT, headers=staff(lo))).json()
    assert before["total"] == 19
    assert before["covered"] == 1 and before["percentage"] == 5.3
    assert {"travel", "post-16-out-of-area", "complaints"} <= set(before["gaps"])
    health = next(h for h in before["headings"] if h["key"] == "health")
    assert (health["empty"], [e["name"] for e in health["entries"]]) == (False,
                                                                         ["Speech clinic"])

    travel = await publish_entry(lo, entry_body(org["id"], "Home to school transport",
                                                categories=("travel",)))
    await publish_entry(lo, entry_body(org["id"], "Specialist college placement",
                                       categories=("post-16-education-training",),
                                       in_area=False))
    after = (await client.get(REPORT, headers=staff(lo))).json()
    assert "travel" not in after["gaps"] and "post-16-out-of-area" not in after["gaps"]
    assert after["covered"] == 5  # health, travel, post-16, post-16 out of area, out of area
    assert after["percentage"] == 26.3
    travel_heading = next(h for h in after["headings"] if h["key"] == "travel")
    assert [e["entry_id"] for e in travel_heading["entries"]] == [travel["id"]]


async def test_drafts_do_not_count_and_the_report_is_per_la(lo: System) -> None:
    client = lo.clients["localoffer"]
    org = await make_organisation(lo)
    await client.post("/v1/local-offer/entries",
                      json=entry_body(org["id"], categories=("travel",), postcode=None),
                      headers=staff(lo))
    report = (await client.get(REPORT, headers=staff(lo))).json()
    assert report["covered"] == 0 and report["percentage"] == 0.0
    other = (await client.get(REPORT, headers=lo.token("la_caseworker", la="202"))).json()
    assert other["la_code"] == "202" and other["covered"] == 0
    public = await client.get("/v1/local-offers/201/completeness")
    assert public.status_code == 200 and public.json()["total"] == 19
    assert (await client.get(REPORT, headers=lo.token("provider", org="X"))).status_code == 403
