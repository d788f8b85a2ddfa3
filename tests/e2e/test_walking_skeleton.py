"""The thin slice through the bus (platform issue): a request in assessment starts the
statutory clocks; the sweep warns the SEN team by email through notifications; a refusal
to assess opens a mediation case. Over the embedded bus on Postgres and SQLite, and over
Kafka (the protocol broker) on Postgres."""

from __future__ import annotations

from datetime import date

import pytest

from common import calendar
from common.testing.smtp import plain_text
from tests.harness import TEAM_EMAIL, System

RECEIVED_ON = date(2026, 3, 2)


async def open_case_and_request(system: System) -> tuple[str, dict]:
    staff = system.token("la_caseworker")
    assessment = system.clients["assessment"]
    created = await assessment.post("/v1/cases", headers=staff, json={
        "given_name": "Amara", "family_name": "Okafor", "date_of_birth": "2019-03-14",
        "caseworker_id": "cw-17", "team": "north",
        "contacts": [{"role": "parent", "name": "Ngozi Okafor", "email": "ngozi@example.org",
                      "preferred_channel": "email"}]})
    assert created.status_code == 201, created.text
    case_id = created.json()["id"]
    recorded = await assessment.post(f"/v1/cases/{case_id}/requests", headers=staff, json={
        "requester_type": "parent", "received_on": RECEIVED_ON.isoformat()})
    assert recorded.status_code == 201, recorded.text
    return case_id, recorded.json()


async def walk_the_slice(system: System, smtp_server) -> None:
    case_id, request = await open_case_and_request(system)
    # R1.4 / R1.14 with R0.1: due on received_on + 6 weeks and + 20 weeks.
    assert request["decision_due_on"] == "2026-04-13"
    assert request["final_plan_due_on"] == "2026-07-20"
    received = await system.outbox_events("assessment", "send.assessment.request.received.v1")
    assert received[0]["data"]["decision_due_on"] == "2026-04-13"
    assert received[0]["subject"] == f"case/{case_id}"

    # Sweep as of 10 working days before the decision is due (Easter 2026 is inside).
    as_of = calendar.add_working_days(date(2026, 4, 13), -10)
    assert as_of == date(2026, 3, 26)
    swept = await system.clients["assessment"].post(
        "/ops/deadlines/sweep", json={"as_of": as_of.isoformat()},
        headers=system.token("platform_ops"))
    assert swept.json() == {"as_of": "2026-03-26", "emitted": 1}

    async def team_emailed() -> bool:
        return any(TEAM_EMAIL in m["To"] for m in smtp_server.messages)

    await system.settle(team_emailed)
    email = next(m for m in smtp_server.messages if TEAM_EMAIL in m["To"])
    body = plain_text(email)
    assert "Monday 13 April 2026" in body
    assert "decision whether to carry out an EHC needs assessment" in body

    refused = await system.clients["assessment"].post(
        f"/v1/requests/{request['id']}/decision", headers=system.token("la_caseworker"),
        json={"decision": "refuse", "decided_on": "2026-03-02"})
    assert refused.status_code == 200, refused.text

    async def mediation_opened() -> bool:
        page = await system.clients["mediation"].get(
            "/v1/mediation-cases", params={"case_id": case_id},
            headers=system.token("la_caseworker"))
        return page.json()["total"] == 1

    await system.settle(mediation_opened)
    page = (await system.clients["mediation"].get(
        "/v1/mediation-cases", params={"case_id": case_id},
        headers=system.token("la_caseworker"))).json()
    opened = page["items"][0]
    assert opened["decision_kind"] == "refuse_assessment"
    assert opened["contact_adviser_by"] == "2026-05-02"  # R6.3: 2 months after the notice
    assert opened["appellants"][0]["name"] == "Ngozi Okafor"


async def test_slice_over_embedded_bus_on_postgres(pg_system: System, smtp_server) -> None:
    await walk_the_slice(pg_system, smtp_server)


async def test_slice_over_embedded_bus_on_sqlite(sqlite_system: System, smtp_server) -> None:
    await walk_the_slice(sqlite_system, smtp_server)


async def test_slice_over_kafka_on_postgres(kafka_system: System, smtp_server) -> None:
    await walk_the_slice(kafka_system, smtp_server)


@pytest.mark.parametrize("missing", ["given_name", "date_of_birth"])
async def test_bad_case_changes_nothing(pg_system: System, missing: str) -> None:
    body = {"given_name": "A", "family_name": "B", "date_of_birth": "2019-03-14"}
    body.pop(missing)
    response = await pg_system.clients["assessment"].post(
        "/v1/cases", headers=pg_system.token("la_caseworker"), json=body)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert any(e["field"].endswith(missing) for e in response.json()["errors"])
    assert await pg_system.outbox_events("assessment") == []


async def test_idempotency_key_creates_one_case(pg_system: System) -> None:
    staff = pg_system.token("la_caseworker") | {"Idempotency-Key": "k-1"}
    body = {"given_name": "A", "family_name": "B", "date_of_birth": "2019-03-14"}
    first = await pg_system.clients["assessment"].post("/v1/cases", headers=staff, json=body)
    again = await pg_system.clients["assessment"].post("/v1/cases", headers=staff, json=body)
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    assert len(await pg_system.outbox_events("assessment")) == 1
    body["family_name"] = "C"
    reused = await pg_system.clients["assessment"].post("/v1/cases", headers=staff, json=body)
    assert reused.status_code == 422


async def test_the_same_request_twice_is_a_conflict_not_an_error(pg_system: System) -> None:
    case_id, _ = await open_case_and_request(pg_system)
    again = await pg_system.clients["assessment"].post(
        f"/v1/cases/{case_id}/requests", headers=pg_system.token("la_caseworker"),
        json={"requester_type": "parent", "received_on": RECEIVED_ON.isoformat()})
    assert again.status_code == 409
    assert again.headers["content-type"] == "application/problem+json"
    received = await pg_system.outbox_events("assessment", "send.assessment.request.received.v1")
    assert len(received) == 1
