"""A personal budget from the plan decision to the annual review, over the bus on Postgres
(R7.1, R7.3, R7.6, R7.7, R7.9, R7.10, R2.1).

assessment drafts the plan (the LA decided to make one) → the family asks for a budget →
agreed with a direct payment for therapy in school → the school agrees → Section J appears
in the draft plan in assessment → the 3-month direct payment review deadline fires (sweep)
→ the annual review re-opens the budget."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from tests.assessment.conftest import Api
from tests.assessment.plan_flow import FINAL, drafted
from tests.budgets.budgets_support import (
    CONDITIONS_MET,
    INFORMED,
    PREPARATION,
    SCHOOL_URN,
    Budgets,
)
from tests.harness import System


def _on(system: System, day: str) -> None:
    system.clock.set(datetime.fromisoformat(day).replace(hour=9, tzinfo=UTC))


async def test_r7_personal_budget_from_plan_decision_to_annual_review(
        pg_system: System) -> None:
    system = pg_system
    api, bud = Api(system), Budgets(system)
    case_id, _, plan_id = await drafted(api)  # draft served 5 January 2026

    async def eligible() -> bool:
        response = await bud.http.post("/v1/budget-requests", headers=bud.family(case_id),
                                       json={"case_id": case_id})
        return response.status_code == 201

    await system.settle(eligible)  # R7.1: plan.drafted reached budgets over the bus
    [budget] = (await bud.call("GET", "/v1/budget-requests",
                               headers=bud.family(case_id)))["items"]
    assert (budget["context"], budget["plan_id"]) == ("plan_in_preparation", plan_id)
    url = f"/v1/budget-requests/{budget['id']}"
    await bud.call("POST", f"{url}/information", **INFORMED)  # R7.3
    await bud.call("PUT", f"{url}/preparation", **PREPARATION)
    await bud.call("POST", f"{url}/decision", decision="agreed", decided_on="2026-03-02")
    dp = await bud.direct_payment(budget["id"])
    dp_url = f"/v1/direct-payments/{dp['id']}"
    # R7.7: the school records its agreement for therapy on its premises
    await bud.call("POST", f"{dp_url}/setting-agreement", headers=bud.school(SCHOOL_URN),
                   agreed=True, answered_on="2026-03-02", answered_by="Ms Head")

    async def draft_has_section_j() -> bool:
        plan = await api.ok("GET", f"/v1/plans/{plan_id}")
        return "setting's agreement: agreed" in plan["current"]["sections"].get("J", "")

    await system.settle(draft_has_section_j)  # R2.1, R7.10
    current = (await api.ok("GET", f"/v1/plans/{plan_id}"))["current"]
    assert current["stage"] == "draft" and current["direct_payment"] is True
    assert "meets speech, language and communication" in current["sections"]["J"]

    # R7.6, R7.9: conditions, consent, then payments start; the first review is due in 3 months
    await bud.call("POST", f"{dp_url}/conditions", **CONDITIONS_MET)
    await bud.call("POST", f"{dp_url}/consent", headers=bud.family(case_id),
                   given_on="2026-03-02", recipient_name="Ngozi Okafor")
    await bud.call("POST", f"{dp_url}/activation", activated_on="2026-03-02",
                   frequency="monthly", instalment_pence=43_333, first_payment_on="2026-03-02")
    await _final_plan(api, plan_id, current)
    _on(system, "2026-06-03")
    swept = await bud.call("POST", "/ops/deadlines/sweep", headers=system.token("platform_ops"),
                           as_of="2026-06-03")
    missed = await bud.events("send.budgets.deadline.missed.v1")
    assert swept["emitted"] == 1
    assert [(e["data"]["deadline_kind"], e["data"]["due_on"]) for e in missed] == [
        ("direct_payment_first_review", "2026-06-02")]

    # R7.9: the annual review re-opens the budget; its direct payment is due for review then
    review = await api.ok("POST", f"/v1/plans/{plan_id}/reviews", 201, json={
        "invited_on": "2026-06-03", "meeting_on": "2026-06-17"})
    _on(system, "2026-06-18")
    await api.ok("POST", f"/v1/reviews/{review['id']}/decision", json={
        "outcome": "maintain", "decided_on": "2026-06-18"})

    async def reopened() -> bool:
        return (await bud.call("GET", url))["status"] == "reopened"

    await system.settle(reopened)
    again = await bud.call("GET", url, headers=bud.family(case_id))
    assert again["reopened_on"] == "2026-06-18"
    for name, client in system.clients.items():
        letters = (await client.get("/ops/dead-letters",
                                    headers=system.token("platform_ops"))).json()
        assert letters == [], name


async def _final_plan(api: Api, plan_id: str, current: dict[str, Any]) -> None:
    """The final plan keeps Section J (R2.1); issued now, after the comments closed."""
    await api.ok("POST", f"/v1/plans/{plan_id}/final", json=FINAL | {
        "sections": current["sections"], "issued_on": "2026-03-02",
        "personal_budget_requested": True, "direct_payment": True})
