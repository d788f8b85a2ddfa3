"""Feedback on the local offer over HTTP, on Postgres and SQLite (R8.3): comments without an
account, moderation with reasons, the per-address rate limit, LA responses, "you said, we
did", the yearly publication and its deadline."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import httpx
from sqlalchemy import func, select

from localoffer.feedback.tables import feedback_comment
from tests.harness import LA, OTHER_LA, System

CLEAN = {"topic": "gaps", "comment": "Nothing is listed for short breaks at weekends."}
HELD = {"topic": "quality", "comment": "My daughter Ella Brown (DOB 03/04/2014) waited a year."}
FEEDBACK = f"/v1/local-offers/{LA}/feedback"
PUBLIC = f"/v1/local-offers/{LA}/you-said-we-did"


async def comments_stored(system: System) -> int:
    async with system.runtimes["localoffer"].engine.connect() as conn:
        return int(await conn.scalar(select(func.count()).select_from(feedback_comment)) or 0)


async def test_r8_3_a_comment_without_an_account_is_published_and_announced(lo: System) -> None:
    client = lo.clients["localoffer"]
    sent = await client.post(FEEDBACK, json={**CLEAN, "commenter_kind": "parent"})
    assert sent.status_code == 201, sent.text
    receipt = sent.json()
    assert receipt["status"] == "published" and receipt["held_because"] == []
    assert receipt["received_on"] == lo.clock.today().isoformat()

    events = await lo.outbox_events("localoffer", "send.localoffer.feedback.received.v1")
    assert [e["data"] for e in events] == [{"feedback_id": receipt["feedback_id"],
                                            "la_code": LA,
                                            "received_on": lo.clock.today().isoformat()}]
    public = (await client.get(PUBLIC)).json()
    assert public["total"] == 1
    assert public["items"][0]["comment"] == CLEAN["comment"]
    assert public["items"][0]["response"] is None
    assert "commenter_kind" not in public["items"][0]  # anonymised: nothing about the sender
    assert public["next_publication_due_on"] == (lo.clock.today().replace(
        year=lo.clock.today().year + 1)).isoformat()


async def test_r8_3_personal_case_details_are_held_back_and_the_commenter_told_why(
        lo: System) -> None:
    client = lo.clients["localoffer"]
    sent = await client.post(FEEDBACK, json=HELD)
    assert sent.status_code == 201, sent.text
    assert sent.json()["status"] == "held"
    [reason] = sent.json()["held_because"]
    assert reason["reason"] == "name_with_date_of_birth"
    assert "date of birth" in reason["explanation"]
    assert (await client.get(PUBLIC)).json()["total"] == 0
    staff = (await client.get("/v1/feedback", params={"status": "held"},
                              headers=lo.token())).json()
    assert [i["hold_reasons"] for i in staff["items"]] == [["name_with_date_of_birth"]]


async def test_r8_3_a_comment_flood_from_one_address_is_refused_with_429(lo: System) -> None:
    client = lo.clients["localoffer"]
    for _ in range(5):
        assert (await client.post(FEEDBACK, json=CLEAN)).status_code == 201
    refused = await client.post(FEEDBACK, json=CLEAN)
    assert refused.status_code == 429
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["type"].endswith("/comment-flood")
    assert int(refused.headers["Retry-After"]) == 3600
    assert await comments_stored(lo) == 5  # the refused one wrote nothing

    app = client._transport.app  # type: ignore[attr-defined]
    other = httpx.AsyncClient(transport=httpx.ASGITransport(app=app, client=("192.0.2.7", 5000)),
                              base_url="http://localoffer.test")
    async with other:
        assert (await other.post(FEEDBACK, json=CLEAN)).status_code == 201
    lo.clock.advance(timedelta(hours=1))
    assert (await client.post(FEEDBACK, json=CLEAN)).status_code == 201


async def test_r8_3_the_la_responds_and_the_response_is_published(lo: System) -> None:
    client = lo.clients["localoffer"]
    feedback_id = (await client.post(FEEDBACK, json=CLEAN)).json()["feedback_id"]
    answer = {"response": "We have asked providers about weekend sessions.",
              "actions": "Two weekend clubs listed by April."}
    url = f"/v1/feedback/{feedback_id}/response"
    assert (await client.post(url, json=answer)).status_code == 401
    assert (await client.post(url, json=answer, headers=lo.token("parent"))).status_code == 403
    assert (await client.post(url, json=answer,
                              headers=lo.token(la=OTHER_LA))).status_code == 404
    done = await client.post(url, json=answer, headers=lo.token())
    assert done.status_code == 201, done.text
    assert done.json()["response"]["actions"] == answer["actions"]
    again = await client.post(url, json=answer, headers=lo.token())
    assert again.status_code == 422 and again.json()["rule"] == "R8.3"

    item = (await client.get(PUBLIC)).json()["items"][0]
    assert item["response"] == {**answer, "responded_on": lo.clock.today().isoformat()}


async def test_r8_3_a_held_comment_takes_no_public_response(lo: System) -> None:
    client = lo.clients["localoffer"]
    feedback_id = (await client.post(FEEDBACK, json=HELD)).json()["feedback_id"]
    refused = await client.post(f"/v1/feedback/{feedback_id}/response",
                                json={"response": "Thanks"}, headers=lo.token())
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "feedback_id"


async def test_r8_3_free_text_is_stored_as_given_and_bad_input_is_named(lo: System) -> None:
    client = lo.clients["localoffer"]
    script = {"topic": "content", "comment": "<script>alert('x')</script> <b>bold</b>"}
    assert (await client.post(FEEDBACK, json=script)).status_code == 201
    assert (await client.get(PUBLIC)).json()["items"][0]["comment"] == script["comment"]

    bad_topic = await client.post(FEEDBACK, json={**CLEAN, "topic": "parking"})
    assert bad_topic.status_code == 422
    assert bad_topic.json()["errors"][0]["field"] == "body.topic"
    too_long = await client.post(FEEDBACK, json={**CLEAN, "comment": "x" * 2001})
    assert too_long.status_code == 422
    assert too_long.json()["errors"][0]["field"] == "body.comment"
    no_entry = await client.post(FEEDBACK, json={**CLEAN, "entry_id": str(uuid.uuid4())})
    assert no_entry.status_code == 422 and no_entry.json()["errors"][0]["field"] == "entry_id"
    blank = await client.post(FEEDBACK, json={**CLEAN, "comment": "   "})
    assert blank.status_code == 422
    assert (await client.post("/v1/local-offers/20x/feedback", json=CLEAN)).status_code == 422
    oversized = await client.post(FEEDBACK, content=b'{"comment": "' + b"x" * 20_000 + b'"}',
                                  headers={"content-type": "application/json"})
    assert oversized.status_code == 413
    assert oversized.json()["errors"][0]["field"] == "body"
    assert await comments_stored(lo) == 1


async def test_r8_3_yearly_publication_is_warned_of_and_moves_the_deadline(lo: System) -> None:
    client = lo.clients["localoffer"]
    runtime = lo.runtimes["localoffer"]
    await client.post(FEEDBACK, json=CLEAN)
    due = date.fromisoformat((await client.get(PUBLIC)).json()["next_publication_due_on"])
    assert await runtime.sweep(due - timedelta(days=7)) == 1
    [warning] = await lo.outbox_events("localoffer", "send.localoffer.deadline.approaching.v1")
    assert warning["data"]["deadline_kind"] == "you_said_we_did_publication"
    assert warning["data"]["due_on"] == due.isoformat()

    lo.clock.advance(timedelta(days=350))
    published = await client.post("/v1/feedback/publications",
                                  json={"summary": "What we changed this year"},
                                  headers=lo.token("la_manager"))
    assert published.status_code == 201, published.text
    body = published.json()
    assert (body["comments_published"], body["responses_published"]) == (1, 0)
    next_due = date.fromisoformat(body["next_publication_due_on"])
    assert next_due == lo.clock.today().replace(year=lo.clock.today().year + 1)
    public = (await client.get(PUBLIC)).json()
    assert public["last_published_on"] == lo.clock.today().isoformat()
    assert public["next_publication_due_on"] == next_due.isoformat()
    assert await runtime.sweep(due + timedelta(days=5)) == 0  # the old deadline was closed
    twice = await client.post("/v1/feedback/publications", json={}, headers=lo.token())
    assert twice.status_code == 409
