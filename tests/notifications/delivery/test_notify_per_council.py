"""GOV.UK Notify for many councils (issue 12, item 4): each LA has its own Notify service
(API key) and its own template ids per event, audience and channel, set through the API;
SMS has texts of its own; Notify's `reference` is the delivery id; and when the LA's own
alert channel fails, the alert falls back to SMTP or the in-app inbox, so somebody is
always told. Notify is the stand-in of channels/notify_stand_in.py, which checks the JWT
and the bodies as Notify does."""

from __future__ import annotations

from typing import Any

from tests.harness import LA, OTHER_LA, TEAM_EMAIL, System
from tests.notifications.delivery.channels.notify_stand_in import NotifyService, NotifyStandIn
from tests.notifications.notifications_support import (
    CASE_ID,
    configure,
    consume,
    deliveries,
    envelope,
    send_due,
    serving,
    staff_token,
)

DECISION = "send.assessment.decision.made.v1"
FAILED = "send.notifications.delivery.failed.v1"
OTHER_CASE = "6d1c2f9a-2222-4000-8000-000000000002"
OTHER_TEAM = "sen@la202.test"


def _council(name: str) -> tuple[NotifyService, dict[str, str]]:
    """A council's Notify service with the templates an LA makes: a generic email
    (((subject)), ((body))) and an SMS (((body)))."""
    service = NotifyService(name)
    return service, {"email": service.add("email", "((body))", "((subject))"),
                     "sms": service.add("sms", "((body))")}


async def _set_template(system: System, la: str, event_type: str, audience: str,
                        channel: str, template_id: str) -> None:
    response = await system.clients["notifications"].put(
        f"/v1/notify/templates/{event_type}/{audience}/{channel}",
        headers=system.token(la=la), json={"template_id": template_id})
    assert response.status_code == 200, response.text


async def _open_case(system: System, la: str, case_id: str, n: int, *,
                     sms: bool = True) -> None:
    contacts = [
        {"role": "parent", "name": f"Email Parent {n}", "email": f"parent{n}@example.org",
         "preferred_channel": "email"},
        {"role": "carer", "name": f"Text Carer {n}", "phone": f"+44770090012{n}",
         "preferred_channel": "sms"}][:2 if sms else 1]
    await consume(system, envelope("send.assessment.case.opened.v1", {
        "case_id": case_id, "la_code": la, "contacts": contacts, "caseworker_id": f"cw-{n}",
        "team": "north"}, case_id=case_id, la=la), offset=n * 10)


def _decision(case_id: str, decision: str = "refuse") -> dict[str, Any]:
    return {"case_id": case_id, "request_id": f"r-{case_id[-1]}", "decision": decision,
            "decided_on": "2026-03-09"}


async def test_two_councils_each_deliver_email_and_sms_through_their_own_notify(
        pg_system: System) -> None:
    first, first_ids = _council("la201_live")
    second, second_ids = _council("la202_live")
    stand_in = NotifyStandIn([first, second])
    async with serving(stand_in.app()) as base:
        configure(pg_system, notify_base_url=base, email_via_notify=[LA, OTHER_LA],
                  notify_api_keys={LA: first.api_key, OTHER_LA: second.api_key})
        for la, ids in ((LA, first_ids), (OTHER_LA, second_ids)):
            for channel in ("email", "sms"):
                await _set_template(pg_system, la, "*", "family", channel, ids[channel])
        await _open_case(pg_system, LA, CASE_ID, 1)
        await _open_case(pg_system, OTHER_LA, OTHER_CASE, 2)
        await consume(pg_system, envelope(DECISION, _decision(CASE_ID)), offset=100)
        await consume(pg_system, envelope(DECISION, _decision(OTHER_CASE), case_id=OTHER_CASE,
                                          la=OTHER_LA), offset=101)
        assert await send_due(pg_system) == 4

    rows = {r["id"]: r for r in await deliveries(pg_system)}
    assert {r["status"] for r in rows.values()} == {"sent"}
    assert {(r["la_code"], r["channel"]) for r in rows.values()} == {
        (LA, "email"), (LA, "sms"), (OTHER_LA, "email"), (OTHER_LA, "sms")}
    assert len(stand_in.sent) == 4
    for sent in stand_in.sent:
        row = rows[sent["reference"]]  # Notify's reference is the delivery id
        ids = first_ids if row["la_code"] == LA else second_ids
        assert sent["service"] == ("la201_live" if row["la_code"] == LA else "la202_live")
        assert sent["template_id"] == ids[row["channel"]]
        assert row["provider_ref"] == sent["id"]
    sms = [s for s in stand_in.sent if s["kind"] == "sms"]
    email = {s["service"]: s for s in stand_in.sent if s["kind"] == "email"}
    for text in sms:
        body = text["content"]["body"]
        assert len(body) <= 160, body  # one SMS fragment
        assert body.strip() not in email[text["service"]]["content"]["body"]
        assert "decided on Monday 9 March 2026 not to carry out an EHC needs assessment" \
            in body
    assert email["la201_live"]["content"]["subject"] == \
        "Our decision about an EHC needs assessment"


async def test_the_template_of_an_event_beats_the_catch_all(pg_system: System) -> None:
    council, ids = _council("la201_live")
    specific = council.add("sms", "Decision: ((body))")
    stand_in = NotifyStandIn([council])
    async with serving(stand_in.app()) as base:
        configure(pg_system, notify_base_url=base, notify_api_keys={LA: council.api_key})
        await _set_template(pg_system, LA, "*", "*", "sms", ids["sms"])
        await _set_template(pg_system, LA, DECISION, "family", "sms", specific)
        await _open_case(pg_system, LA, CASE_ID, 1)
        await consume(pg_system, envelope(DECISION, _decision(CASE_ID, "assess")), offset=100)
        await send_due(pg_system)
    [sent] = stand_in.sent
    assert sent["template_id"] == specific
    assert sent["content"]["body"].startswith("Decision: The local authority will carry out")


async def test_a_failed_alert_through_notify_falls_back_to_smtp(
        pg_system: System, smtp_server) -> None:
    """The family email fails (the template id is another council's: "Template not
    found"); the alert to the team goes through Notify too and has no template, so it
    fails as well; the alert then goes over SMTP."""
    ours, _ = _council("la201_live")
    _, theirs = _council("la202_live")
    stand_in = NotifyStandIn([ours])
    async with serving(stand_in.app()) as base:
        configure(pg_system, notify_base_url=base, notify_api_keys={LA: ours.api_key},
                  email_via_notify=[LA], smtp_host=smtp_server.host,
                  smtp_port=smtp_server.port)
        await _set_template(pg_system, LA, "*", "family", "email", theirs["email"])
        await _open_case(pg_system, LA, CASE_ID, 1, sms=False)
        await consume(pg_system, envelope(DECISION, _decision(CASE_ID)), offset=100)
        for _ in range(3):
            await send_due(pg_system)
    [family] = await deliveries(pg_system, audience="family", channel="email")
    assert family["status"] == "failed"
    assert "BadRequestError: Template not found" in family["last_error"]
    alerts = await deliveries(pg_system, audience="la")
    assert [(a["status"], a["provider"]) for a in alerts] == [("failed", None),
                                                             ("sent", "smtp")]
    assert "no email template" in alerts[0]["last_error"]
    [message] = smtp_server.messages
    assert message["To"] == TEAM_EMAIL
    assert message["Subject"] == "A notification could not be delivered (email)"


async def test_a_failed_alert_without_smtp_reaches_the_caseworkers_inbox(
        pg_system: System) -> None:
    council, _ = _council("la201_live")
    stand_in = NotifyStandIn([council])
    async with serving(stand_in.app()) as base:
        configure(pg_system, notify_base_url=base, notify_api_keys={LA: council.api_key},
                  email_via_notify=[LA], smtp_host=None)
        await _open_case(pg_system, LA, CASE_ID, 1, sms=False)
        await consume(pg_system, envelope(DECISION, _decision(CASE_ID)), offset=100)
        for _ in range(3):
            await send_due(pg_system)
    assert stand_in.sent == []  # no template ids at all: nothing could go through Notify
    inbox = await pg_system.clients["notifications"].get(
        "/v1/inbox", headers=staff_token(pg_system, "cw-1"))
    items = inbox.json()["items"]
    assert [i["subject"] for i in items] == ["A notification could not be delivered (email)"]
    delivered = await deliveries(pg_system, audience="la", channel="in_app")
    assert [d["recipient"] for d in delivered] == ["cw-1"]


async def test_notify_templates_are_managed_per_la_through_the_api(pg_system: System) -> None:
    council, ids = _council("la201_live")
    configure(pg_system, notify_api_keys={LA: council.api_key}, email_via_notify=[LA])
    client, staff = pg_system.clients["notifications"], pg_system.token()
    await _set_template(pg_system, LA, DECISION, "family", "sms", ids["sms"])
    account = (await client.get("/v1/notify", headers=staff)).json()
    assert account == {"api_key_set": True, "service_id": council.service_id,
                       "email_via_notify": True, "templates": [
                           {"event_type": DECISION, "audience": "family", "channel": "sms",
                            "template_id": ids["sms"]}]}
    assert council.secret not in str(account)
    other = (await client.get("/v1/notify", headers=pg_system.token(la=OTHER_LA))).json()
    assert other == {"api_key_set": False, "service_id": None, "email_via_notify": False,
                     "templates": []}
    refusals = {
        f"/v1/notify/templates/{DECISION}/caseworker/sms": "audience",
        "/v1/notify/templates/send.nothing.v1/family/email": "event_type",
    }
    for path, field in refusals.items():
        refused = await client.put(path, headers=staff, json={"template_id": ids["sms"]})
        assert refused.status_code == 422, path
        assert refused.json()["rule"] == "notifications.notify-template"
        assert refused.json()["errors"][0]["field"] == field
    bad_id = await client.put(f"/v1/notify/templates/{DECISION}/family/sms", headers=staff,
                              json={"template_id": "not-a-uuid"})
    assert bad_id.status_code == 422
    assert (await client.put(f"/v1/notify/templates/{DECISION}/family/post", headers=staff,
                             json={"template_id": ids["sms"]})).status_code == 422
    path = f"/v1/notify/templates/{DECISION}/family/sms"
    assert (await client.delete(path, headers=pg_system.token(la=OTHER_LA))).status_code == 404
    assert (await client.delete(path, headers=staff)).status_code == 204
    assert (await client.get("/v1/notify/templates", headers=staff)).json() == []
    family = pg_system.token("parent", cases=(CASE_ID,))
    assert (await client.get("/v1/notify", headers=family)).status_code == 403
