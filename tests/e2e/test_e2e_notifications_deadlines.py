"""Over the bus on Postgres: a statutory deadline in assessment's book, swept through the
ops API, reaches the caseworker's own address with the right dates; once missed, the team
manager too. The walking skeleton covers the team-address fallback."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from common import calendar
from common.deadline_alerts import DeadlineOwner
from common.testing.smtp import plain_text, recipients_of
from tests.harness import LA, MANAGER_EMAIL, System
from tests.notifications.notifications_support import CASE_ID, staff_token

CW_EMAIL = "cw17@la201.test"
DUE_ON = date(2026, 4, 13)


async def _open_deadline(system: System) -> None:
    runtime = system.runtimes["assessment"]
    async with runtime.unit_of_work() as uow:
        await runtime.deadlines.open(uow, la_code=LA, case_id=CASE_ID, kind="decision_due",
                                     due_on=DUE_ON, opened_on=date(2026, 3, 2),
                                     owner=DeadlineOwner(team="north", caseworker_id="cw-17"))
        await uow.commit()


async def _sweep(system: System, as_of: date) -> int:
    swept = await system.clients["assessment"].post(
        "/ops/deadlines/sweep", json={"as_of": as_of.isoformat()},
        headers=system.token("platform_ops"))
    assert swept.status_code == 200, swept.text
    return int(swept.json()["emitted"])


async def test_e2e_notifications_deadline_to_caseworker_then_manager(
        pg_system: System, smtp_server) -> None:
    put = await pg_system.clients["notifications"].put(
        "/v1/directory/caseworker/cw-17", headers=pg_system.token(), json={"email": CW_EMAIL})
    assert put.status_code == 200
    await _open_deadline(pg_system)
    as_of = calendar.add_working_days(DUE_ON, -10)
    pg_system.clock.set(datetime.combine(as_of, time(9), UTC))
    assert await _sweep(pg_system, as_of) == 1

    async def caseworker_emailed() -> bool:
        return any(recipients_of(m) == [CW_EMAIL] for m in smtp_server.messages)

    await pg_system.settle(caseworker_emailed)
    warning = next(m for m in smtp_server.messages if recipients_of(m) == [CW_EMAIL])
    assert "due Monday 13 April 2026" in warning["Subject"]
    # a 10-working-day lead reads as such, counted from the day the email is written
    assert "(10 working days left)" in plain_text(warning)
    inbox = (await pg_system.clients["notifications"].get(
        "/v1/inbox", headers=staff_token(pg_system, "cw-17"))).json()
    assert inbox["unread"] == 1

    pg_system.clock.set(datetime(2026, 4, 16, 9, tzinfo=UTC))
    assert await _sweep(pg_system, date(2026, 4, 16)) == 1

    async def manager_emailed() -> bool:
        return any(recipients_of(m) == [MANAGER_EMAIL] for m in smtp_server.messages)

    await pg_system.settle(manager_emailed)
    escalation = next(m for m in smtp_server.messages if recipients_of(m) == [MANAGER_EMAIL])
    assert "Due on: Monday 13 April 2026" in plain_text(escalation)
    assert "Overdue by: 3 working days" in plain_text(escalation)
    missed = [m for m in smtp_server.messages if recipients_of(m) == [CW_EMAIL] and
              "missed" in m["Subject"].lower()]
    assert len(missed) == 1
    assert len(smtp_server.messages) == 3  # nothing sent twice
