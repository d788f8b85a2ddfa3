"""The assessment lifecycle through the bus: a plan issued and reviewed in assessment opens
mediation cases for its appealable decisions (R6.1), and the sweep reports a missed 20-week
deadline (R1.14) on the right day. Embedded bus, on Postgres and on SQLite."""

from __future__ import annotations

from datetime import date

from tests.assessment.conftest import Api
from tests.assessment.plan_flow import issued
from tests.harness import System


async def walk(system: System) -> None:
    api = Api(system)
    case_id, _, plan_id = await issued(api)
    review = await api.ok("POST", f"/v1/plans/{plan_id}/reviews", 201, json={
        "invited_on": "2026-02-03", "meeting_on": "2026-02-17"})
    await api.ok("POST", f"/v1/reviews/{review['id']}/decision", json={
        "outcome": "maintain", "decided_on": "2026-02-24"})

    async def kinds() -> list[str]:
        page = await system.clients["mediation"].get(
            "/v1/mediation-cases", params={"case_id": case_id}, headers=api.staff())
        return sorted(i["decision_kind"] for i in page.json()["items"])

    async def both_opened() -> bool:
        return len(await kinds()) == 2

    await system.settle(both_opened)
    assert await kinds() == ["plan_contents", "refuse_amend"]

    # A second child: assessing since 6 Oct 2025, no plan; the 20 weeks end 23 Feb 2026.
    late_case, _ = await api.assessing(received_on="2025-10-06", decided_on="2025-11-10")
    swept = await system.runtimes["assessment"].sweep(date(2026, 2, 24))
    assert swept >= 1
    missed = [e["data"] for e in await api.events("send.assessment.deadline.missed.v1")
              if e["data"]["case_id"] == late_case]
    assert {(m["deadline_kind"], m["due_on"]) for m in missed} >= {
        ("issue_final_plan", "2026-02-23"), ("notify_no_plan", "2026-01-26")}
    again = await system.runtimes["assessment"].sweep(date(2026, 2, 24))
    assert again == 0  # exactly once per deadline and stage


async def test_lifecycle_over_embedded_bus_on_postgres(pg_system: System) -> None:
    await walk(pg_system)


async def test_lifecycle_over_embedded_bus_on_sqlite(sqlite_system: System) -> None:
    await walk(sqlite_system)
