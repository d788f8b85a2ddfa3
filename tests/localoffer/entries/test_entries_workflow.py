"""Provider contributions (issue 13 item 2): a provider drafts for its own organisation,
the LA asks for changes and publishes; every published version is kept; the published
event is emitted; the 12-month review clock restarts."""

from __future__ import annotations

from tests.harness import System
from tests.localoffer.entries.directory_support import (
    entry_body,
    load_postcodes,
    make_organisation,
    provider,
    staff,
)

ENTRIES = "/v1/local-offer/entries"


async def test_provider_draft_review_publish_keeps_every_version(lo: System) -> None:
    """A provider's update goes draft -> LA review -> published, versions kept (item 2)."""
    await load_postcodes(lo)
    client = lo.clients["localoffer"]
    org = await make_organisation(lo, provider_code="ORG-RIVER", urn="123456")
    mine = provider(lo, "ORG-RIVER")

    created = await client.post(ENTRIES, json=entry_body(org["id"]), headers=mine)
    assert created.status_code == 201, created.text
    entry_id = created.json()["entry_id"]
    assert created.json()["state"] == "draft"

    assert (await client.post(f"{ENTRIES}/{entry_id}/submit", headers=mine)).json()[
        "state"] == "submitted"
    asked = await client.post(f"{ENTRIES}/{entry_id}/request-changes",
                              json={"comment": "Add the Friday session"}, headers=staff(lo))
    assert asked.json()["state"] == "changes_requested"
    assert asked.json()["review_comment"] == "Add the Friday session"

    body = entry_body(org["id"], schedules=[{"freq": "WEEKLY", "byday": "MO,WE,FR",
                                             "opens_at": "09:00", "closes_at": "17:00"}])
    rewritten = await client.put(f"{ENTRIES}/{entry_id}/draft", json=body, headers=mine)
    assert rewritten.status_code == 200, rewritten.text
    await client.post(f"{ENTRIES}/{entry_id}/submit", headers=mine)
    published = await client.post(f"{ENTRIES}/{entry_id}/publish", headers=staff(lo))
    assert published.status_code == 200, published.text
    first = published.json()
    assert first["version"] == 1
    assert first["last_reviewed_on"] == "2026-03-02"
    assert first["review_due_on"] == "2027-03-02"
    location = first["content"]["locations"][0]
    assert (location["postcode"], location["latitude"]) == ("LS1 4AP", 53.7997)

    second_body = entry_body(org["id"], name="Speech and language clinic")
    await client.put(f"{ENTRIES}/{entry_id}/draft", json=second_body, headers=mine)
    await client.post(f"{ENTRIES}/{entry_id}/submit", headers=mine)
    second = (await client.post(f"{ENTRIES}/{entry_id}/publish", headers=staff(lo))).json()
    assert second["version"] == 2

    versions = (await client.get(f"{ENTRIES}/{entry_id}/versions", headers=mine)).json()
    assert [(v["version"], v["content"]["name"]) for v in versions] == [
        (1, "Speech and language drop-in"), (2, "Speech and language clinic")]
    assert [len(v["content"]["schedules"][0]["byday"].split(",")) for v in versions] == [3, 2]

    events = await lo.outbox_events("localoffer", "send.localoffer.entry.published.v1")
    assert [(e["data"]["entry_id"], e["data"]["version"], e["data"]["title"])
            for e in events] == [(entry_id, 1, "Speech and language drop-in"),
                                 (entry_id, 2, "Speech and language clinic")]
    assert set(events[0]["data"]["categories"]) == {"health", "SLCN"}
    assert events[0]["lacode"] == "201"


async def test_provider_cannot_touch_another_organisations_entry(lo: System) -> None:
    """A provider edits only its own organisation's entries: another's is not found (404),
    and naming another organisation in a draft is forbidden (403); nothing is written."""
    client = lo.clients["localoffer"]
    theirs = await make_organisation(lo, "Hilltop School", provider_code="ORG-HILL")
    mine = await make_organisation(lo, "Riverside Academy", provider_code="ORG-RIVER")
    created = await client.post(ENTRIES, json=entry_body(theirs["id"], postcode=None),
                                headers=provider(lo, "ORG-HILL"))
    entry_id = created.json()["entry_id"]

    as_river = provider(lo, "ORG-RIVER")
    edit = await client.put(f"{ENTRIES}/{entry_id}/draft",
                            json=entry_body(mine["id"], postcode=None), headers=as_river)
    assert edit.status_code == 404
    assert edit.headers["content-type"] == "application/problem+json"
    steal = await client.post(ENTRIES, json=entry_body(theirs["id"], postcode=None),
                              headers=as_river)
    assert steal.status_code == 403
    listed = (await client.get(ENTRIES, headers=as_river)).json()
    assert listed["total"] == 0
    assert (await client.get(ENTRIES, headers=staff(lo))).json()["total"] == 1


async def test_only_la_staff_publish_and_a_submitted_draft_is_frozen(lo: System) -> None:
    client = lo.clients["localoffer"]
    org = await make_organisation(lo, provider_code="ORG-RIVER")
    mine = provider(lo, "ORG-RIVER")
    entry_id = (await client.post(ENTRIES, json=entry_body(org["id"], postcode=None),
                                  headers=mine)).json()["entry_id"]
    refused = await client.post(f"{ENTRIES}/{entry_id}/publish", headers=mine)
    assert refused.status_code == 403
    await client.post(f"{ENTRIES}/{entry_id}/submit", headers=mine)
    frozen = await client.put(f"{ENTRIES}/{entry_id}/draft",
                              json=entry_body(org["id"], postcode=None), headers=mine)
    assert frozen.status_code == 422
    assert frozen.json()["errors"][0]["field"] == "state"


async def test_a_repeated_create_with_the_same_idempotency_key_makes_one_draft(
        lo: System) -> None:
    org = await make_organisation(lo)
    headers = {**staff(lo), "Idempotency-Key": "draft-1"}
    body = entry_body(org["id"], postcode=None)
    first = await lo.clients["localoffer"].post(ENTRIES, json=body, headers=headers)
    again = await lo.clients["localoffer"].post(ENTRIES, json=body, headers=headers)
    assert first.status_code == 201 and again.status_code == 201
    assert first.json()["entry_id"] == again.json()["entry_id"]
    assert (await lo.clients["localoffer"].get(ENTRIES, headers=staff(lo))).json()[
        "total"] == 1
    other = await lo.clients["localoffer"].post(
        ENTRIES, json=entry_body(org["id"], "Another", postcode=None), headers=headers)
    assert other.status_code == 422
