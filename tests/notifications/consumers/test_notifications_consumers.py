"""Events in -> delivery rows and sends, through the real consumer on Postgres: routing to
caseworkers, managers and families, no usable channel, opt-outs, redelivery, dead letters,
SMTP refusals, template fallback."""

from __future__ import annotations

import json

from sqlalchemy import insert

from common.testing.smtp import plain_text, recipients_of
from notifications.planning.tables import template_override
from tests.harness import MANAGER_EMAIL, TEAM_EMAIL, System
from tests.notifications.notifications_support import (
    CASE_ID,
    PARENT,
    consume,
    deadline_data,
    deliveries,
    envelope,
    open_case,
    send_due,
    staff_token,
)

APPROACHING = "send.assessment.deadline.approaching.v1"
MISSED = "send.budgets.deadline.missed.v1"
CW_EMAIL = "cw17@la201.test"


async def test_notifications_approaching_goes_to_caseworker_email_and_inbox(
        pg_system: System, smtp_server) -> None:
    client = pg_system.clients["notifications"]
    put = await client.put("/v1/directory/caseworker/cw-17", headers=pg_system.token(),
                           json={"email": CW_EMAIL})
    assert put.status_code == 200, put.text
    assert await consume(pg_system, envelope(APPROACHING, deadline_data())) == "done"
    rows = await deliveries(pg_system)
    assert {(r["channel"], r["recipient"]) for r in rows} == {
        ("email", CW_EMAIL), ("in_app", "cw-17")}
    assert await send_due(pg_system) == 1
    message = smtp_server.messages[0]
    assert recipients_of(message) == [CW_EMAIL]
    assert "Monday 13 April 2026" in plain_text(message)
    # working days from the day the message is written (the fixed clock: 2 March 2026)
    assert "28 working days left" in plain_text(message)

    mine = staff_token(pg_system, "cw-17")
    inbox = (await client.get("/v1/inbox", headers=mine)).json()
    assert inbox["total"] == 1 and inbox["unread"] == 1
    item = inbox["items"][0]
    assert "Monday 13 April 2026" in item["subject"]
    assert (await client.post(f"/v1/inbox/{item['id']}/read", headers=mine)).status_code == 204
    assert (await client.get("/v1/inbox", headers=mine)).json()["unread"] == 0
    await client.post(f"/v1/inbox/{item['id']}/unread", headers=mine)
    assert (await client.get("/v1/inbox", params={"unread_only": True},
                             headers=mine)).json()["total"] == 1
    other = staff_token(pg_system, "cw-99")
    assert (await client.post(f"/v1/inbox/{item['id']}/read", headers=other)).status_code == 404


async def test_notifications_missed_escalates_to_manager(pg_system: System, smtp_server) -> None:
    await consume(pg_system, envelope(MISSED, deadline_data("missed", caseworker_id=None)))
    rows = await deliveries(pg_system, channel="email")
    assert {(r["audience"], r["recipient"]) for r in rows} == {
        ("caseworker", TEAM_EMAIL), ("manager", MANAGER_EMAIL)}
    await send_due(pg_system)
    manager = next(m for m in smtp_server.messages if recipients_of(m) == [MANAGER_EMAIL])
    assert "Escalation" in manager["Subject"]
    assert "Overdue by: 3 days" in plain_text(manager)


async def test_notifications_team_manager_from_directory(pg_system: System) -> None:
    await pg_system.clients["notifications"].put(
        "/v1/directory/manager/north", headers=pg_system.token(),
        json={"email": "north-manager@la201.test"})
    await consume(pg_system, envelope(MISSED, deadline_data("missed")))
    managers = await deliveries(pg_system, audience="manager")
    assert [r["recipient"] for r in managers] == ["north-manager@la201.test"]


async def test_notifications_redelivered_event_sends_nothing_twice(
        pg_system: System, smtp_server) -> None:
    event = envelope(APPROACHING, deadline_data())
    assert await consume(pg_system, event) == "done"
    await send_due(pg_system)
    assert await consume(pg_system, event, offset=1) == "duplicate"
    await send_due(pg_system)
    assert len(await deliveries(pg_system, channel="email")) == 1
    assert len(smtp_server.messages) == 1


async def test_notifications_malformed_events_are_dead_lettered(pg_system: System) -> None:
    assert await consume(pg_system, b"{not json") == "dead-lettered"
    bad = envelope("send.assessment.decision.appealable.v1",
                   {"case_id": CASE_ID, "decision_id": "d", "decision_kind": "refuse_plan",
                    "decided_on": "2026-03-02", "notified_on": "2026-03-02", "appellants": []})
    assert await consume(pg_system, bad, offset=1) == "dead-lettered"
    listed = (await pg_system.clients["notifications"].get(
        "/ops/dead-letters", headers=pg_system.token("platform_ops"))).json()
    assert [d["event_type"] for d in listed] == [None, "send.assessment.decision.appealable.v1"]
    assert await deliveries(pg_system) == []


async def test_notifications_family_without_usable_channel_alerts_the_team(
        pg_system: System, smtp_server) -> None:
    await open_case(pg_system, [{"role": "parent", "name": "Ola Post",
                                 "preferred_channel": "post"}])
    await consume(pg_system, envelope("send.assessment.decision.made.v1", {
        "case_id": CASE_ID, "request_id": "r-1", "decision": "assess",
        "decided_on": "2026-03-02"}))
    rows = await deliveries(pg_system)
    assert [(r["audience"], r["recipient"]) for r in rows] == [("la", TEAM_EMAIL)]
    await send_due(pg_system)
    alert = smtp_server.messages[0]
    assert "could not be sent" in alert["Subject"]
    assert "Ola Post: no usable channel (preferred: post" in plain_text(alert)


async def test_notifications_opt_out_applies_only_where_the_law_allows(
        pg_system: System) -> None:
    await open_case(pg_system, [PARENT])
    family = pg_system.token("parent", cases=(CASE_ID,))
    opted = await pg_system.clients["notifications"].put(
        f"/v1/cases/{CASE_ID}/opt-out", headers=family, json={"address": PARENT["email"]})
    assert opted.status_code == 204, opted.text
    stranger = await pg_system.clients["notifications"].put(
        f"/v1/cases/{CASE_ID}/opt-out", headers=family, json={"address": "x@example.org"})
    assert stranger.status_code == 422
    await consume(pg_system, envelope("send.assessment.request.received.v1", {
        "case_id": CASE_ID, "request_id": "r-1", "requester_type": "parent",
        "received_on": "2026-03-02", "decision_due_on": "2026-04-13",
        "final_plan_due_on": "2026-07-20"}))
    await consume(pg_system, envelope("send.assessment.decision.made.v1", {
        "case_id": CASE_ID, "request_id": "r-1", "decision": "assess",
        "decided_on": "2026-03-09"}), offset=1)
    rows = {r["event_type"]: r["status"] for r in await deliveries(pg_system)}
    assert rows == {"send.assessment.request.received.v1": "suppressed",
                    "send.assessment.decision.made.v1": "pending"}


async def test_notifications_contacts_changed_updates_the_read_model(pg_system: System) -> None:
    await open_case(pg_system, [PARENT])
    await consume(pg_system, envelope("send.assessment.contacts.changed.v1", {
        "case_id": CASE_ID, "contacts": [PARENT | {"email": "new@example.org"}]}), offset=1)
    await consume(pg_system, envelope("send.assessment.plan.drafted.v1", {
        "case_id": CASE_ID, "plan_id": "p", "version": 1, "sent_on": "2026-06-01",
        "comments_due_on": "2026-06-16", "personal_budget_requested": True}), offset=2)
    rows = await deliveries(pg_system)
    assert [r["recipient"] for r in rows] == ["new@example.org"]
    assert "Tuesday 16 June 2026" in rows[0]["subject"]


async def test_notifications_smtp_refusal_fails_then_alerts(pg_system: System,
                                                            smtp_server) -> None:
    await consume(pg_system, envelope(APPROACHING, deadline_data(caseworker_id=None)))
    smtp_server.fail_with(451)
    await send_due(pg_system)
    [row] = await deliveries(pg_system, channel="email")
    assert row["status"] == "retrying" and "451" in row["last_error"]
    smtp_server.fail_with(550)
    pg_system.clock.advance(__import__("datetime").timedelta(seconds=10))
    await send_due(pg_system)
    [row] = await deliveries(pg_system, audience="caseworker", channel="email")
    assert row["status"] == "failed" and row["attempts"] == 2
    failed = await pg_system.outbox_events("notifications",
                                           "send.notifications.delivery.failed.v1")
    assert failed[0]["data"]["delivery_id"] == row["id"]
    assert failed[0]["data"]["attempts"] == 2
    assert CW_EMAIL not in json.dumps(failed[0]) and TEAM_EMAIL not in json.dumps(failed[0])
    smtp_server.fail_with(None)
    await send_due(pg_system)
    alert = next(m for m in smtp_server.messages if "could not be delivered" in m["Subject"])
    assert row["id"] in plain_text(alert)


async def test_notifications_broken_la_template_falls_back_to_default(
        pg_system: System, smtp_server) -> None:
    runtime = pg_system.runtimes["notifications"]
    async with runtime.unit_of_work() as uow:
        await uow.connection.execute(insert(template_override).values(
            la_code="201", event_type=APPROACHING, audience="caseworker", channel="email",
            subject="{{ no_such_value }}", body="x", version=3, updated_at=uow.clock.now()))
        await uow.commit()
    await consume(pg_system, envelope(APPROACHING, deadline_data(caseworker_id=None)))
    [row] = await deliveries(pg_system, channel="email", audience="caseworker")
    assert "LA template v3 failed" in row["last_error"]
    [alert] = await deliveries(pg_system, channel="email", audience="la")
    assert "LA template" in alert["subject"] and "no_such_value" in alert["body"]
    await send_due(pg_system)
    subjects = sorted(m["Subject"] for m in smtp_server.messages)
    assert any("Monday 13 April 2026" in s for s in subjects)  # the notice still went
    assert any("template" in s for s in subjects)  # and the LA was told
