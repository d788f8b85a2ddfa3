"""One transaction per request (issue 9, item 2): two concurrent creates with the same
Idempotency-Key give one case and the same answer (never a 409), and the answer to a
change is what that change's transaction wrote (its version and ETag)."""

from __future__ import annotations

import asyncio
from typing import Any

from tests.harness import System
from tests.mediation.mediation_support import (
    PARENT,
    choose,
    client,
    known_case,
    on,
    open_case,
    staff,
)


async def test_R6_1_concurrent_repeats_of_a_create_give_one_case(med: System) -> None:
    body: dict[str, Any] = {"case_id": await known_case(med), "decision_kind": "refuse_assessment",
            "decided_on": "2026-03-02", "notified_on": "2026-03-02", "appellants": [PARENT]}
    headers = staff(med) | {"Idempotency-Key": "open-once"}
    first, second = await asyncio.gather(*(
        client(med).post("/v1/mediation-cases", json=body, headers=headers) for _ in range(2)))
    assert (first.status_code, second.status_code) == (201, 201), (first.text, second.text)
    assert first.json()["id"] == second.json()["id"]
    listed = await client(med).get("/v1/mediation-cases", headers=staff(med),
                                   params={"case_id": body["case_id"]})
    assert listed.json()["total"] == 1


async def test_R6_3_a_change_answers_with_the_version_its_transaction_wrote(
        med: System) -> None:
    on(med, "2026-03-10")
    case = await open_case(med)
    chosen = await choose(med, case, told_adviser_on="2026-03-10", choice="declined")
    assert chosen.status_code == 200, chosen.text
    read = await client(med).get(f"/v1/mediation-cases/{case['id']}", headers=staff(med))
    assert chosen.json() == read.json()
    assert chosen.json()["version"] == case["version"] + 1
    assert chosen.headers["ETag"] == read.headers["ETag"]
