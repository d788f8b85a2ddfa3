"""Done-when path 1 (issue 4), over the bus on Postgres and SQLite (and Kafka): a refusal to
assess in assessment opens a mediation case; the family declines mediation just before
Easter 2026; the adviser issues the certificate within 3 working days across the Good Friday
/ Easter Monday weekend (R6.5, R0.2); the appeal deadline is right (R6.9, R6.9a); the
certificate event reaches notifications, which emails the parent. Redelivering the
appealable-decision event opens no second case (R6.1)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import delete

from common.testing.smtp import plain_text
from tests.harness import System

PARENT_EMAIL = "ngozi@example.org"
CERTIFICATE_ISSUED = "send.mediation.certificate.issued.v1"


def on(system: System, day: str) -> None:
    system.clock.set(datetime.combine(date.fromisoformat(day), datetime.min.time(),
                                      tzinfo=UTC).replace(hour=9))


async def refuse_to_assess(system: System) -> tuple[str, dict[str, Any]]:
    """Assessment: a case, a request, a refusal; mediation: the case it opens."""
    staff = system.token("la_caseworker")
    assessment = system.clients["assessment"]
    created = await assessment.post("/v1/cases", headers=staff, json={
        "given_name": "Amara", "family_name": "Okafor", "date_of_birth": "2019-03-14",
        "contacts": [{"role": "parent", "name": "Ngozi Okafor", "email": PARENT_EMAIL,
                      "preferred_channel": "email"}]})
    assert created.status_code == 201, created.text
    case_id = created.json()["id"]
    request = await assessment.post(f"/v1/cases/{case_id}/requests", headers=staff, json={
        "requester_type": "parent", "received_on": "2026-03-02"})
    assert request.status_code == 201, request.text
    refused = await assessment.post(f"/v1/requests/{request.json()['id']}/decision",
                                    headers=staff,
                                    json={"decision": "refuse", "decided_on": "2026-03-02"})
    assert refused.status_code == 200, refused.text
    page = await mediation_cases(system, case_id, until_total=1)
    return case_id, page["items"][0]


async def mediation_cases(system: System, case_id: str, until_total: int) -> dict[str, Any]:
    async def listed() -> dict[str, Any]:
        response = await system.clients["mediation"].get(
            "/v1/mediation-cases", params={"case_id": case_id},
            headers=system.token("la_caseworker"))
        return dict(response.json())

    async def opened() -> bool:
        return (await listed())["total"] >= until_total

    await system.settle(opened)
    return await listed()


async def redeliver_everything_to_mediation(system: System) -> None:
    """Forget mediation's bus positions (embedded) so it reads assessment's log again."""
    runtime = system.runtimes["mediation"]
    if system.settings.bus != "embedded":
        return
    async with runtime.unit_of_work() as uow:
        await uow.connection.execute(delete(runtime.spec.tables.consumer_position))
        await uow.commit()
    await system.settle()


async def decline_and_certify(system: System, smtp_server) -> None:
    mediation = system.clients["mediation"]
    staff = system.token("la_caseworker")
    case_id, case = await refuse_to_assess(system)
    assert case["decision_kind"] == "refuse_assessment"
    assert case["contact_adviser_by"] == "2026-05-02"  # R6.3

    await redeliver_everything_to_mediation(system)
    assert (await mediation_cases(system, case_id, until_total=1))["total"] == 1
    assert len(await system.outbox_events("mediation", "send.mediation.case.opened.v1")) == 1

    adviser = await mediation.post("/v1/practitioners", headers=staff, json={
        "role": "adviser", "name": "Ali Khan", "organisation": {
            "code": "CALM", "name": "Calm Mediation Ltd", "kind": "independent_provider"}})
    assigned = await mediation.put(f"/v1/mediation-cases/{case['id']}/assignment",
                                   headers=staff, json={"adviser_id": adviser.json()["id"]})
    assert assigned.status_code == 200, assigned.text

    on(system, "2026-04-02")  # Thursday before Good Friday
    family = system.token("parent", cases=(case_id,))
    chosen = await mediation.post(f"/v1/mediation-cases/{case['id']}/choice", headers=family,
                                  json={"told_adviser_on": "2026-04-02", "choice": "declined"})
    assert chosen.status_code == 200, chosen.text
    rows = (await mediation.get(f"/v1/mediation-cases/{case['id']}/deadlines",
                                headers=staff)).json()
    due = {r["kind"]: r["due_on"] for r in rows if r["status"] == "open"}
    assert due["certificate_due"] == "2026-04-09"  # Fri 3 and Mon 6 April are bank holidays

    on(system, "2026-04-09")
    adviser_token = system.token("mediator", org="CALM")
    issued = await mediation.post(f"/v1/mediation-cases/{case['id']}/certificates",
                                  headers=adviser_token | {"Idempotency-Key": "cert-1"},
                                  json={"basis": "declined"})
    assert issued.status_code == 201, issued.text
    certificate = issued.json()
    assert certificate["on_time"] is True and certificate["issued_on"] == "2026-04-09"
    # R6.9: later of 2 May (Sat; 4 May bank holiday -> 5 May) and 9 May (Sat -> Mon 11 May)
    assert certificate["appeal_by"] == "2026-05-11"
    assert certificate["certificate_no"] == "201-2026-000001"

    [event] = await system.outbox_events("mediation", CERTIFICATE_ISSUED)
    assert event["data"] == {
        "mediation_case_id": case["id"], "case_id": case_id,
        "certificate_no": "201-2026-000001", "issued_on": "2026-04-09", "basis": "declined",
        "appeal_by": "2026-05-11",
        "recipients": [{"name": "Ngozi Okafor", "email": PARENT_EMAIL}]}

    async def parent_emailed() -> bool:
        return any(PARENT_EMAIL in m["To"] and "201-2026-000001" in m["Subject"]
                   for m in smtp_server.messages)

    await system.settle(parent_emailed)
    email = next(m for m in smtp_server.messages if "201-2026-000001" in m["Subject"])
    assert "11 May 2026" in plain_text(email)
    await assert_no_dead_letters(system)


async def assert_no_dead_letters(system: System) -> None:
    """Every consumer parsed every mediation event it was given."""
    for name in ("mediation", "notifications"):
        assert await system.runtimes[name].dead_letters().list() == [], name


async def test_declined_certificate_over_embedded_bus_on_postgres(
        pg_system: System, smtp_server) -> None:
    await decline_and_certify(pg_system, smtp_server)


async def test_declined_certificate_over_embedded_bus_on_sqlite(
        sqlite_system: System, smtp_server) -> None:
    await decline_and_certify(sqlite_system, smtp_server)


async def test_declined_certificate_over_kafka_on_postgres(
        kafka_system: System, smtp_server) -> None:
    await decline_and_certify(kafka_system, smtp_server)
