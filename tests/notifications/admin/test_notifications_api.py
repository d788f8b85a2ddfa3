"""The notifications API: routing overrides, templates (validated, previewed), webhook
registration (SSRF), the family's view of the log, reports and metrics (Notify per LA:
delivery/test_notify_per_council.py)."""

from __future__ import annotations

from common.testing.smtp import plain_text
from tests.harness import TEAM_EMAIL, System
from tests.notifications.notifications_support import (
    CASE_ID,
    PARENT,
    configure,
    consume,
    deadline_data,
    deliveries,
    envelope,
    open_case,
    send_due,
)

DECISION = "send.assessment.decision.made.v1"
APPROACHING = "send.assessment.deadline.approaching.v1"
CERTIFICATE = "send.mediation.certificate.issued.v1"


def _decision(n: int = 0) -> dict:
    return {"case_id": CASE_ID, "request_id": f"r-{n}", "decision": "assess",
            "decided_on": "2026-03-09"}


async def test_notifications_route_override_per_la(pg_system: System) -> None:
    client, staff = pg_system.clients["notifications"], pg_system.token()
    table = (await client.get("/v1/routing", headers=staff)).json()
    assert {"event_type": DECISION, "audience": "family", "channels": ["email", "sms"],
            "statutory": True, "enabled": True, "overridden": False} in table
    put = await client.put(f"/v1/routing/{DECISION}/family", headers=staff,
                           json={"channels": ["sms"]})
    assert put.status_code == 200 and put.json()["overridden"]
    bad = await client.put(f"/v1/routing/{DECISION}/family", headers=staff,
                           json={"channels": ["webhook"]})
    assert bad.status_code == 422
    assert (await client.put("/v1/routing/send.x.v1/family", headers=staff,
                             json={"channels": ["sms"]})).status_code == 404
    other_la = pg_system.token(la="202")
    assert all(not r["overridden"] for r in
               (await client.get("/v1/routing", headers=other_la)).json())
    await open_case(pg_system, [PARENT])
    await consume(pg_system, envelope(DECISION, _decision()), offset=1)
    assert [r["channel"] for r in await deliveries(pg_system)] == ["sms"]
    await client.put(f"/v1/routing/{APPROACHING}/caseworker", headers=staff,
                     json={"channels": ["email"], "enabled": False})
    await consume(pg_system, envelope(APPROACHING, deadline_data()), offset=2)
    assert await deliveries(pg_system, event_type=APPROACHING) == []
    assert (await client.delete(f"/v1/routing/{DECISION}/family", headers=staff)).status_code \
        == 204
    assert (await client.put(f"/v1/routing/{DECISION}/family",
                             headers=pg_system.token("parent", cases=(CASE_ID,)),
                             json={"channels": ["sms"]})).status_code == 403


async def test_notifications_templates_validated_previewed_and_used(
        pg_system: System, smtp_server) -> None:
    client, staff = pg_system.clients["notifications"], pg_system.token()
    path = f"/v1/templates/{CERTIFICATE}/family/email"
    default = (await client.get(path, headers=staff)).json()
    assert default["source"] == "default"
    broken = await client.put(path, headers=staff, json={
        "subject": "Certificate {{ certificate_number }}", "body": "Hello"})
    assert broken.status_code == 422
    assert broken.headers["content-type"] == "application/problem+json"
    assert "certificate_number" in broken.json()["detail"]
    syntax = await client.put(path, headers=staff, json={"subject": "x", "body": "{% if %}"})
    assert syntax.status_code == 422
    sandbox = await client.put(path, headers=staff, json={
        "subject": "x", "body": "{{ ''.__class__.__mro__ }}"})
    assert sandbox.status_code == 422
    good = {"subject": "Certificate {{ certificate_no }} from [LA]",
            "body": "Appeal by {{ appeal_by|long_date }}."}
    saved = await client.put(path, headers=staff, json=good)
    assert saved.status_code == 200 and saved.json()["version"] == 1
    assert (await client.put(path, headers=staff, json=good)).json()["version"] == 2
    preview = await client.post("/v1/templates/preview", headers=staff, json={
        "event_type": CERTIFICATE, "audience": "family", "channel": "email"})
    assert preview.json()["text"] == "Appeal by Friday 5 June 2026.\n"
    given = await client.post("/v1/templates/preview", headers=staff, json={
        "event_type": CERTIFICATE, "audience": "family", "subject": "s",
        "body": "{{ certificate_no }}", "context": {"certificate_no": "MC-9"}})
    assert given.json()["text"] == "MC-9\n"
    failing = await client.post("/v1/templates/preview", headers=staff, json={
        "event_type": CERTIFICATE, "audience": "family", "subject": "s",
        "body": "{{ nope }}", "context": {}})
    assert failing.status_code == 422
    assert len((await client.get("/v1/templates", headers=staff)).json()) == 1

    await consume(pg_system, envelope(CERTIFICATE, {
        "mediation_case_id": "m-1", "case_id": CASE_ID, "certificate_no": "MC-2026-7",
        "issued_on": "2026-03-02", "basis": "declined", "appeal_by": "2026-04-02",
        "recipients": [{"name": "Ngozi Okafor", "email": "ngozi@example.org"}]}))
    await send_due(pg_system)
    message = smtp_server.messages[0]
    assert message["Subject"] == "Certificate MC-2026-7 from The local authority"
    assert plain_text(message).strip() == "Appeal by Thursday 2 April 2026."


async def test_notifications_private_webhook_target_refused(pg_system: System) -> None:
    configure(pg_system, webhook_allow_hosts=[])
    client, partner = pg_system.clients["notifications"], pg_system.token("health", org="QWE")
    for url in ("https://10.0.0.5/hook", "https://127.0.0.1/hook", "http://169.254.169.254/",
                "https://[::ffff:192.168.0.1]/x", "ftp://example.org/x"):
        refused = await client.post("/v1/webhooks", headers=partner, json={
            "url": url, "event_types": ["send.assessment.advice.requested.v1"]})
        assert refused.status_code == 422, url
        assert refused.json()["rule"] == "notifications.webhook-target"
    wrong_type = await client.post("/v1/webhooks", headers=partner, json={
        "url": "https://8.8.8.8/x", "event_types": ["send.assessment.case.opened.v1"]})
    assert wrong_type.status_code == 422
    staff = await client.post("/v1/webhooks", headers=pg_system.token(), json={
        "url": "https://8.8.8.8/x", "event_types": ["send.assessment.advice.requested.v1"]})
    assert staff.status_code == 403
    assert (await client.get("/v1/webhooks", headers=partner)).json() == []


async def test_notifications_family_sees_only_what_was_sent_to_them(pg_system: System) -> None:
    client = pg_system.clients["notifications"]
    await open_case(pg_system, [PARENT])
    await consume(pg_system, envelope(DECISION, _decision()), offset=1)
    await consume(pg_system, envelope(APPROACHING, deadline_data()), offset=2)
    family = pg_system.token("parent", cases=(CASE_ID,))
    mine = (await client.get("/v1/deliveries", headers=family)).json()
    assert [(d["audience"], d["recipient"]) for d in mine["items"]] == [
        ("family", PARENT["email"])]
    assert (await client.get("/v1/deliveries", params={"case_id": "other"},
                             headers=family)).status_code == 404
    stranger = pg_system.token("parent", cases=("other",))
    assert (await client.get("/v1/deliveries", headers=stranger)).json()["total"] == 0
    staff = (await client.get("/v1/deliveries", params={"case_id": CASE_ID},
                              headers=pg_system.token())).json()
    assert staff["total"] == 3
    assert (await client.get("/v1/deliveries", headers=pg_system.token(la="202"))
            ).json()["total"] == 0
    assert (await client.get("/v1/deliveries",
                             headers=pg_system.token("health", org="QWE"))).status_code == 403


async def test_notifications_reports_and_metrics(pg_system: System, smtp_server) -> None:
    client, staff = pg_system.clients["notifications"], pg_system.token()
    await consume(pg_system, envelope(APPROACHING, deadline_data()))
    await client.get("/v1/deliveries", headers=staff)
    report = (await client.get("/v1/reports/deliveries", headers=staff)).json()
    assert report["by_channel"]["email"]["pending"] == 1
    assert report["by_channel"]["in_app"]["sent"] == 1
    assert report["oldest_undelivered_at"] is not None
    smtp_server.fail_with(451)
    await send_due(pg_system)
    report = (await client.get("/v1/reports/deliveries", headers=staff)).json()
    assert report["by_channel"]["email"]["retrying"] == 1
    metrics = (await client.get("/metrics")).text
    assert 'notifications_deliveries{channel="email",status="retrying"} 1.0' in metrics
    assert "notifications_oldest_undelivered_age_seconds" in metrics


async def test_notifications_sms_without_provider_fails_and_alerts(pg_system: System) -> None:
    await open_case(pg_system, [PARENT | {"email": None, "preferred_channel": "sms"}])
    await consume(pg_system, envelope(DECISION, _decision()), offset=1)
    await send_due(pg_system)
    [sms] = await deliveries(pg_system, channel="sms")
    assert sms["status"] == "failed" and "no SMS provider" in sms["last_error"]
    [alert] = await deliveries(pg_system, audience="la")
    assert alert["recipient"] == TEAM_EMAIL


async def test_notifications_directory_api(pg_system: System) -> None:
    client, staff = pg_system.clients["notifications"], pg_system.token()
    assert (await client.put("/v1/directory/team/-", headers=staff,
                             json={"email": "all@la201.test"})).status_code == 200
    assert (await client.put("/v1/directory/caseworker/-", headers=staff,
                             json={"email": "x@la201.test"})).status_code == 422
    assert (await client.put("/v1/directory/team/north", headers=staff,
                             json={"email": "not an address"})).status_code == 422
    listed = (await client.get("/v1/directory", headers=staff)).json()
    assert listed == [{"kind": "team", "ref": "-", "email": "all@la201.test"}]
    await consume(pg_system, envelope(APPROACHING, deadline_data(caseworker_id=None)))
    [row] = await deliveries(pg_system, channel="email")
    assert row["recipient"] == "all@la201.test"
    assert (await client.delete("/v1/directory/team/-", headers=staff)).status_code == 204
    assert (await client.get("/v1/directory", headers=pg_system.token(la="202"))).json() == []


async def test_notifications_template_etag_and_if_match(pg_system: System) -> None:
    client, staff = pg_system.clients["notifications"], pg_system.token()
    path = f"/v1/templates/{DECISION}/family/email"
    first = await client.get(path, headers=staff)
    assert first.headers["etag"] == 'W/"0"'
    body = {"subject": "Decision", "body": "Decided on {{ decided_on|long_date }}."}
    saved = await client.put(path, headers=staff | {"If-Match": 'W/"0"'}, json=body)
    assert saved.status_code == 200 and saved.headers["etag"] == 'W/"1"'
    stale = await client.put(path, headers=staff | {"If-Match": 'W/"0"'}, json=body)
    assert stale.status_code == 412


async def test_notifications_register_webhook_with_idempotency_key(pg_system: System) -> None:
    configure(pg_system, webhook_allow_hosts=["127.0.0.1"])
    client = pg_system.clients["notifications"]
    partner = pg_system.token("health", org="QWE") | {"Idempotency-Key": "reg-1"}
    body = {"url": "http://127.0.0.1:9/hook",
            "event_types": ["send.assessment.advice.requested.v1"]}
    first = await client.post("/v1/webhooks", headers=partner, json=body)
    again = await client.post("/v1/webhooks", headers=partner, json=body)
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert len((await client.get("/v1/webhooks", headers=partner)).json()) == 1
    reused = await client.post("/v1/webhooks", headers=partner, json=body | {
        "url": "http://127.0.0.1:10/hook"})
    assert reused.status_code == 422
