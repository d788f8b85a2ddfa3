"""Over the bus on Postgres: the case's contacts reach notifications' read model from
assessment's case.opened; a mediation certificate issued in mediation reaches the parent's
email with the certificate details (published through mediation's unit of work)."""

from __future__ import annotations

from common.testing.smtp import plain_text, recipients_of
from tests.harness import LA, System
from tests.notifications.notifications_support import CASE_ID, PARENT, deliveries, publish


async def test_e2e_notifications_certificate_reaches_the_parent(
        pg_system: System, smtp_server) -> None:
    await publish(pg_system, "assessment", "send.assessment.case.opened.v1", {
        "case_id": CASE_ID, "la_code": LA, "caseworker_id": "cw-17", "team": "north",
        "person": {"given_name": "Amara", "family_name": "Okafor", "date_of_birth": "2019-03-14"},
        "contacts": [PARENT]})
    await publish(pg_system, "mediation", "send.mediation.certificate.issued.v1", {
        "mediation_case_id": "5b0c-m1", "case_id": CASE_ID, "certificate_no": "MC-2026-0042",
        "issued_on": "2026-03-02", "basis": "declined", "appeal_by": "2026-04-02",
        "recipients": [{"name": PARENT["name"], "email": PARENT["email"]}]})

    async def parent_emailed() -> bool:
        return any(recipients_of(m) == [PARENT["email"]] for m in smtp_server.messages)

    await pg_system.settle(parent_emailed)
    [email] = [m for m in smtp_server.messages if recipients_of(m) == [PARENT["email"]]]
    assert email["Subject"] == "Your mediation certificate MC-2026-0042"
    body = plain_text(email)
    assert "Hello Ngozi Okafor" in body
    assert "Certificate number: MC-2026-0042" in body
    assert "Appeal deadline: Thursday 2 April 2026" in body
    assert "did not want mediation" in body
    family = pg_system.token("parent", cases=(CASE_ID,))
    log = (await pg_system.clients["notifications"].get("/v1/deliveries", headers=family)).json()
    assert [d["event_type"] for d in log["items"]] == ["send.mediation.certificate.issued.v1"]
    assert [r["status"] for r in await deliveries(pg_system)] == ["sent"]
