"""A postal address from the caseworker to the letter (issue 12, item 6): assessment keeps
it on the contact and sends it in case.opened / contacts.changed (an optional field of
ContactV1); notifications turns the LA's refusal to assess into letters for the contact
who wants post. Through the HTTP APIs and the bus."""

from __future__ import annotations

import io
from typing import Any

from pypdf import PdfReader

from tests.harness import System

ADDRESS = {"lines": ["3 Station Road", "Otley"], "postcode": "LS21 3HX"}
BY_POST = {"role": "parent", "name": "Grzegorz Brzęczyszczykiewicz",
           "preferred_channel": "post", "postal_address": ADDRESS}


def _case(contacts: list[dict[str, Any]]) -> dict[str, Any]:
    return {"given_name": "Amara", "family_name": "Okafor", "date_of_birth": "2019-03-14",
            "contacts": contacts}


async def test_a_refusal_to_assess_reaches_a_parent_who_wants_post_as_letters(
        pg_system: System) -> None:
    assessment, staff = pg_system.clients["assessment"], pg_system.token("la_caseworker")
    created = await assessment.post("/v1/cases", headers=staff, json=_case([BY_POST]))
    assert created.status_code == 201, created.text
    assert created.json()["contacts"][0]["postal_address"] == ADDRESS
    case_id = created.json()["id"]
    [opened] = await pg_system.outbox_events("assessment", "send.assessment.case.opened.v1")
    assert opened["data"]["contacts"][0]["postal_address"] == ADDRESS
    request = await assessment.post(f"/v1/cases/{case_id}/requests", headers=staff, json={
        "requester_type": "parent", "received_on": "2026-03-02"})
    assert request.status_code == 201, request.text
    refused = await assessment.post(f"/v1/requests/{request.json()['id']}/decision",
                                    headers=staff,
                                    json={"decision": "refuse", "decided_on": "2026-03-02"})
    assert refused.status_code == 200, refused.text
    notifications = pg_system.clients["notifications"]

    async def letters() -> list[dict[str, Any]]:
        return list((await notifications.get("/v1/letters", headers=staff)).json())

    async def both_queued() -> bool:
        return len(await letters()) == 2

    await pg_system.settle(both_queued)
    texts = []
    for letter in await letters():
        assert letter["addressee"] == "Grzegorz Brzęczyszczykiewicz"
        pdf = await notifications.get(f"/v1/letters/{letter['delivery_id']}/pdf",
                                      headers=staff)
        texts.append("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content))
                               .pages))
    assert all("3 Station Road" in t and "LS21 3HX" in t for t in texts)
    assert any("decided not to carry out" in t for t in texts)
    assert any("right to appeal" in t for t in texts)


async def test_post_needs_a_postal_address(pg_system: System) -> None:
    assessment, staff = pg_system.clients["assessment"], pg_system.token("la_caseworker")
    no_address = {k: v for k, v in BY_POST.items() if k != "postal_address"}
    refused = await assessment.post("/v1/cases", headers=staff, json=_case([no_address]))
    assert refused.status_code == 422
    assert "postal_address" in refused.text
    bad_postcode = BY_POST | {"postal_address": {"lines": ["1 High St"], "postcode": "12345"}}
    assert (await assessment.post("/v1/cases", headers=staff, json=_case([bad_postcode]))
            ).status_code == 422
    empty_line = BY_POST | {"postal_address": {"lines": ["  "], "postcode": None}}
    assert (await assessment.post("/v1/cases", headers=staff, json=_case([empty_line]))
            ).status_code == 422
    abroad = BY_POST | {"postal_address": {"lines": ["Rue de la Paix 1", "Paris", "France"]}}
    assert (await assessment.post("/v1/cases", headers=staff, json=_case([abroad]))
            ).status_code == 201
