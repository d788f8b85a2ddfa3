"""Letters (issue 12, item 6): a statutory notice for a contact who wants post becomes an
accessible PDF letter, queued for the LA's print run and tracked (queued -> printed ->
posted) through the API. The PDFs are read back with pypdf."""

from __future__ import annotations

import io
from typing import Any

from pypdf import PdfReader

from notifications.settings import DEFAULT_LETTER_FONTS
from tests.harness import LA, OTHER_LA, TEAM_EMAIL, System
from tests.notifications.notifications_support import (
    CASE_ID,
    configure,
    consume,
    deliveries,
    envelope,
    open_case,
    send_due,
)

DECISION = "send.assessment.decision.made.v1"
REQUEST = "send.assessment.request.received.v1"
ADDRESS = {"lines": ["Flat 2", "14 Harehills Lane", "Leeds"], "postcode": "ls8 4ht"}
BY_POST = {"role": "carer", "name": "Zofia Wiśniewska-Коваленко", "preferred_channel": "post",
           "postal_address": ADDRESS}
BY_EMAIL = {"role": "parent", "name": "Ngozi Okafor", "email": "ngozi@example.org",
            "preferred_channel": "email"}


def _decision(n: int = 1) -> dict[str, Any]:
    return {"case_id": CASE_ID, "request_id": f"r-{n}", "decision": "assess",
            "decided_on": "2026-03-09"}


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _structure(tree: Any) -> list[str]:
    """The structure types under the document element, in reading order."""
    top = tree["/K"]
    document = (top[0] if isinstance(top, list) else top).get_object()
    assert document["/S"] == "/Document"
    return [str(kid.get_object()["/S"]) for kid in document["/K"]]


async def _queued_letter(system: System, contact: dict[str, Any] = BY_POST) -> dict[str, Any]:
    await open_case(system, [BY_EMAIL, contact])
    await consume(system, envelope(DECISION, _decision()), offset=1)
    await send_due(system)
    [letter] = await deliveries(system, channel="post")
    return letter


async def test_a_statutory_notice_to_a_contact_who_wants_post_is_an_accessible_pdf(
        pg_system: System) -> None:
    letter = await _queued_letter(pg_system)
    assert letter["status"] == "sent" and letter["last_error"] is None
    assert letter["recipient"] == ("Zofia Wiśniewska-Коваленко\nFlat 2\n14 Harehills Lane\n"
                                   "Leeds\nLS8 4HT")
    client, staff = pg_system.clients["notifications"], pg_system.token()
    listed = (await client.get("/v1/letters", headers=staff)).json()
    assert [(x["delivery_id"], x["addressee"], x["status"]) for x in listed] == [
        (letter["id"], "Zofia Wiśniewska-Коваленко", "queued")]
    response = await client.get(f"/v1/letters/{letter['id']}/pdf", headers=staff)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = _text(response.content)
    for expected in ("Zofia Wiśniewska-Коваленко", "14 Harehills Lane", "LS8 4HT",
                     "We will carry out an EHC needs assessment", "9 March 2026",
                     letter["id"]):
        assert expected in text, expected
    assert text.index("Zofia") < text.index("We will carry out")  # reading order
    root: Any = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert bool(root["/MarkInfo"]["/Marked"])
    tags = _structure(root["/StructTreeRoot"])
    assert tags.count("/H1") == 1 and tags.count("/P") >= 4
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata is not None
    assert reader.metadata.title == "We will carry out an EHC needs assessment"
    pages: list[Any] = list(reader.pages)
    fonts = [page["/Resources"]["/Font"][name].get_object() for page in pages
             for name in page["/Resources"]["/Font"]]
    assert fonts and all("/FontFile2" in f["/DescendantFonts"][0].get_object()[
        "/FontDescriptor"] for f in fonts)  # every font embedded (TrueType)
    # the email contact still gets an email; nobody is told the notice was undeliverable
    assert [d["recipient"] for d in await deliveries(pg_system, channel="email")] == [
        BY_EMAIL["email"]]
    assert await deliveries(pg_system, audience="la") == []


async def test_print_run_download_then_printed_then_posted(pg_system: System) -> None:
    letter = await _queued_letter(pg_system)
    client, staff = pg_system.clients["notifications"], pg_system.token()
    run = await client.post("/v1/letters/print-runs", headers=staff)
    assert run.status_code == 201
    body = run.json()
    assert [x["delivery_id"] for x in body["letters"]] == [letter["id"]]
    assert body["letters"][0]["print_run_id"] == body["id"]
    empty = await client.post("/v1/letters/print-runs", headers=staff)
    assert empty.status_code == 422
    assert empty.json()["rule"] == "notifications.print-run-empty"
    pdf = await client.get(f"/v1/letters/print-runs/{body['id']}/pdf", headers=staff)
    assert pdf.status_code == 200 and "Harehills Lane" in _text(pdf.content)
    assert len(PdfReader(io.BytesIO(pdf.content)).pages) % 2 == 0  # duplex: whole sheets

    skipped = await client.put(f"/v1/letters/{letter['id']}/status", headers=staff,
                               json={"status": "posted"})
    assert skipped.status_code == 422
    assert skipped.json()["rule"] == "notifications.letter-state"
    assert skipped.json()["errors"][0]["field"] == "body.status"
    printed = await client.put(f"/v1/letters/print-runs/{body['id']}/status", headers=staff,
                               json={"status": "printed"})
    assert printed.status_code == 200
    assert printed.json()["letters"][0]["status"] == "printed"
    assert printed.json()["letters"][0]["printed_at"] is not None
    for _ in range(2):  # marking twice changes nothing
        posted = await client.put(f"/v1/letters/{letter['id']}/status", headers=staff,
                                  json={"status": "posted"})
        assert posted.status_code == 200 and posted.json()["status"] == "posted"
    back = await client.put(f"/v1/letters/{letter['id']}/status", headers=staff,
                            json={"status": "printed"})
    assert back.status_code == 422
    assert [x["status"] for x in (await client.get(
        "/v1/letters", params={"status": "posted"}, headers=staff)).json()] == ["posted"]
    runs = (await client.get("/v1/letters/print-runs", headers=staff)).json()
    assert [r["id"] for r in runs] == [body["id"]]


async def test_letters_stay_within_the_la_and_staff(pg_system: System) -> None:
    letter = await _queued_letter(pg_system)
    client = pg_system.clients["notifications"]
    other = pg_system.token(la=OTHER_LA)
    assert (await client.get("/v1/letters", headers=other)).json() == []
    assert (await client.get(f"/v1/letters/{letter['id']}/pdf", headers=other)
            ).status_code == 404
    assert (await client.put(f"/v1/letters/{letter['id']}/status", headers=other,
                             json={"status": "printed"})).status_code == 404
    assert (await client.post("/v1/letters/print-runs", headers=other)).status_code == 422
    family = pg_system.token("parent", cases=(CASE_ID,))
    assert (await client.get("/v1/letters", headers=family)).status_code == 403


async def test_a_name_no_font_can_draw_fails_the_letter_and_tells_the_team(
        pg_system: System) -> None:
    """Only DejaVu Sans is given: a Devanagari name cannot be printed, so the letter is
    refused rather than printed as empty boxes, and the SEN team is told."""
    configure(pg_system, letter_fonts=[DEFAULT_LETTER_FONTS[0]])
    letter = await _queued_letter(pg_system, BY_POST | {"name": "अनन्या शर्मा"})
    assert letter["status"] == "failed"
    assert "the letter fonts cannot draw" in letter["last_error"]
    assert "U+0905" in letter["last_error"]
    [alert] = await deliveries(pg_system, audience="la")
    assert alert["recipient"] == TEAM_EMAIL
    assert (await pg_system.clients["notifications"].get(
        "/v1/letters", headers=pg_system.token())).json() == []


async def test_post_is_for_statutory_notices_and_a_resend_queues_one_letter(
        pg_system: System) -> None:
    """The request acknowledgement is not a statutory notice: no letter for it. A
    redelivered decision event and a second pass of the worker queue one letter."""
    await open_case(pg_system, [BY_EMAIL, BY_POST])
    await consume(pg_system, envelope(REQUEST, {
        "case_id": CASE_ID, "request_id": "r-1", "requester_type": "parent",
        "received_on": "2026-03-02", "decision_due_on": "2026-04-13",
        "final_plan_due_on": "2026-07-20"}), offset=1)
    assert await deliveries(pg_system, channel="post") == []
    decision = envelope(DECISION, _decision())
    await consume(pg_system, decision, offset=2)
    await consume(pg_system, decision, offset=3)
    await send_due(pg_system)
    await send_due(pg_system)
    assert len(await deliveries(pg_system, channel="post")) == 1
    assert len((await pg_system.clients["notifications"].get(
        "/v1/letters", headers=pg_system.token())).json()) == 1


async def test_a_contact_who_wants_post_without_an_address_is_reported(
        pg_system: System) -> None:
    await open_case(pg_system, [{"role": "carer", "name": "No Address",
                                 "preferred_channel": "post"}])
    await consume(pg_system, envelope(DECISION, _decision()), offset=1)
    assert await deliveries(pg_system, channel="post") == []
    [alert] = await deliveries(pg_system, audience="la")
    assert "No Address: no usable channel (preferred: post" in alert["body"]
    assert LA == alert["la_code"]


async def test_a_letter_on_the_one_machine_default(sqlite_system: System) -> None:
    """SQLite (`make run`): the letter is rendered, queued and downloadable there too."""
    letter = await _queued_letter(sqlite_system)
    client, staff = sqlite_system.clients["notifications"], sqlite_system.token()
    pdf = await client.get(f"/v1/letters/{letter['id']}/pdf", headers=staff)
    assert pdf.status_code == 200 and "LS8 4HT" in _text(pdf.content)
    run = await client.post("/v1/letters/print-runs", headers=staff)
    assert run.status_code == 201 and len(run.json()["letters"]) == 1
