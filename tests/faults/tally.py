"""Counting what the faults left behind, straight from the database (a connection of the
test's own) and the SMTP server: cases, requests, decisions, mediation cases, events,
deliveries and messages received — each against what the families were walked through."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

import asyncpg

from common.testing.row_locks import libpq_url
from common.testing.smtp import SmtpTestServer

APPEALABLE = "send.assessment.decision.appealable.v1"


@dataclass(frozen=True)
class Tally:
    cases: int
    requests: int
    decisions: int
    events_by_type: Counter[str]
    duplicate_events: int              # the same business event in the outbox twice
    mediation_cases: int
    decisions_unconsumed: dict[str, int]   # appealable decisions a consumer has not handled
    emails_planned: int                # email deliveries for the families' cases
    emails_not_sent: int
    messages_received: int             # at the SMTP server, for those deliveries
    message_ids_missing: int           # sent deliveries whose Message-ID never arrived
    messages_doubled: int              # the same Message-ID received more than once
    dead_letters: int


async def tally(database_url: str, tag: str, smtp: SmtpTestServer) -> Tally:
    conn = await asyncpg.connect(libpq_url(database_url))
    try:
        case_ids = [r["id"] for r in await conn.fetch(
            "SELECT id FROM assessment.case WHERE family_name = $1", tag)]
        requests = await conn.fetch(
            "SELECT status FROM assessment.assessment_request WHERE case_id = ANY($1)",
            case_ids)
        events = [json.loads(r["payload"]) for r in await conn.fetch(
            "SELECT payload FROM assessment.outbox WHERE key = ANY($1)",
            [f"case/{case_id}" for case_id in case_ids])]
        appealable = [e["id"] for e in events if e["type"] == APPEALABLE]
        unconsumed = {}
        for consumer in ("mediation", "notifications"):
            handled = {r["event_id"] for r in await conn.fetch(
                f"SELECT event_id FROM {consumer}.processed_event WHERE event_id = ANY($1)",
                appealable)}
            unconsumed[consumer] = len(set(appealable) - handled)
        mediation_cases = await conn.fetchval(
            "SELECT count(*) FROM mediation.mediation_case WHERE case_id = ANY($1)", case_ids)
        emails = await conn.fetch(
            "SELECT id, status FROM notifications.delivery "
            "WHERE case_id = ANY($1) AND channel = 'email'", case_ids)
        dead = await conn.fetchval(
            "SELECT (SELECT count(*) FROM mediation.dead_letter) + "
            "(SELECT count(*) FROM notifications.dead_letter) + "
            "(SELECT count(*) FROM budgets.dead_letter)")
    finally:
        await conn.close()
    sent = {r["id"] for r in emails if r["status"] == "sent"}
    received = Counter(_delivery_id(m["Message-ID"]) for m in smtp.messages)
    ours = Counter({delivery: n for delivery, n in received.items()
                    if delivery in {r["id"] for r in emails}})
    business = Counter((e["type"], e["subject"], json.dumps(e["data"], sort_keys=True))
                       for e in events)
    return Tally(
        cases=len(case_ids), requests=len(requests),
        decisions=sum(1 for r in requests if r["status"] == "refused"),
        events_by_type=Counter(e["type"] for e in events),
        duplicate_events=sum(n - 1 for n in business.values()),
        mediation_cases=int(mediation_cases), decisions_unconsumed=unconsumed,
        emails_planned=len(emails), emails_not_sent=len(emails) - len(sent),
        messages_received=sum(ours.values()),
        message_ids_missing=len(sent - set(ours)),
        messages_doubled=sum(n - 1 for n in ours.values()),
        dead_letters=int(dead))


def _delivery_id(message_id: str | None) -> str:
    """The delivery id a Message-ID was made from: `<id@domain>`."""
    return (message_id or "").strip("<>").split("@", 1)[0]
