"""Steps recorded late (issue 14, item 9): the family is sent no stale notice; the notice is
kept, suppressed, and the caseworker's team is told to send it by hand. A step recorded
within a few working days, or a deadline to staff, goes as usual. Redelivery adds nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from common.testing.smtp import plain_text, recipients_of
from notifications.planning.late_records import is_recorded_late
from tests.harness import TEAM_EMAIL, System
from tests.notifications.notifications_support import (
    CASE_ID,
    PARENT,
    consume,
    deliveries,
    envelope,
    open_case,
    send_due,
)

DECISION = "send.assessment.decision.made.v1"
RECORDED_ON = date(2026, 3, 2)  # the envelopes' time: Monday 2 March 2026


@pytest.mark.parametrize(("data", "late"), [
    ({"decided_on": "2026-03-02"}, False),
    ({"decided_on": "2026-02-23"}, False),    # 5 working days before: in time
    ({"decided_on": "2026-02-20"}, True),     # 6 working days before
    ({"decided_on": "2025-10-06"}, True),
    ({"decided_on": "2026-03-02", "recorded_late": True}, True),  # the producer's mark
    ({"issued_on": "2026-01-05", "received_on": "2026-03-02"}, True),  # the step's own day
    ({"due_on": "2025-01-01"}, False),        # a deadline is no step
    ({"decided_on": date(2025, 10, 6)}, True),  # as the consumer's models give it
])
def test_a_step_is_recorded_late_after_five_working_days(data: dict, late: bool) -> None:
    assert is_recorded_late(data, RECORDED_ON) is late


async def test_a_back_dated_decision_sends_the_family_nothing_and_the_team_a_list(
        pg_system: System, smtp_server: Any) -> None:
    await open_case(pg_system, [PARENT])
    event = envelope(DECISION, {"case_id": CASE_ID, "request_id": "r-1",
                                "decision": "assess", "decided_on": "2025-11-10"})
    assert await consume(pg_system, event) == "done"
    rows = await deliveries(pg_system)
    assert {(r["audience"], r["recipient"], r["status"]) for r in rows} == {
        ("family", PARENT["email"], "suppressed"), ("la", TEAM_EMAIL, "pending")}
    await send_due(pg_system)
    [message] = smtp_server.messages
    assert recipients_of(message) == [TEAM_EMAIL] and "Send by hand" in message["Subject"]
    body = plain_text(message)
    assert "2025-11-10" in body and "2026-03-02" in body and "Ngozi Okafor by email" in body
    assert await consume(pg_system, event, offset=1) == "duplicate"
    assert len(await deliveries(pg_system)) == 2


async def test_a_step_recorded_on_its_day_reaches_the_family(pg_system: System) -> None:
    await open_case(pg_system, [PARENT])
    await consume(pg_system, envelope(DECISION, {"case_id": CASE_ID, "request_id": "r-1",
                                                 "decision": "assess",
                                                 "decided_on": "2026-02-27"}))
    rows = await deliveries(pg_system)
    assert [(r["audience"], r["status"]) for r in rows] == [("family", "pending")]
