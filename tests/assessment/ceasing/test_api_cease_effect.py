"""R4.5 over the API: with no appeal lodged, the plan ceases only after the appeal period,
unless the family confirmed they will not appeal; it stays in force meanwhile."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from assessment.ceasing.tables import cease_proposal
from tests.assessment.conftest import Api
from tests.assessment.plan_flow import issued


async def _decided(api: Api, plan_id: str) -> str:
    proposal = await api.ok("POST", f"/v1/plans/{plan_id}/cease-proposals", 201, json={
        "ground": "no_longer_necessary", "detail": "outcomes met",
        "consulted_on": "2026-02-10"})
    decided = await api.ok("POST", f"/v1/cease-proposals/{proposal['id']}/decision", json={
        "decided_on": "2026-02-18", "notified_on": "2026-02-20", "ceases_on": "2026-03-01"})
    assert (decided["notified_on"], decided["appeal_period_ends_on"]) == (
        "2026-02-20", "2026-04-20")
    return f"/v1/cease-proposals/{proposal['id']}"


async def test_r4_5_no_cease_before_the_appeal_period_ends(api: Api) -> None:
    case_id, _, plan_id = await issued(api)
    url = await _decided(api, plan_id)
    problem = await api.fails("POST", f"{url}/cease", json={"done_on": "2026-03-02"})
    assert problem["rule"] == "R4.5"
    assert (await api.ok("GET", f"/v1/plans/{plan_id}"))["status"] == "ceasing"  # in force
    assert await api.events("send.assessment.plan.ceased.v1") == []
    assert await api.deadlines(case_id, "annual_review_due") != []  # nothing closed
    api.system.clock.advance(timedelta(days=60))  # 1 May 2026
    # a certificate on 1 April keeps the period open until 1 May
    problem = await api.fails("POST", f"{url}/cease", json={
        "done_on": "2026-04-21", "certificate_issued_on": "2026-04-01"})
    assert problem["rule"] == "R4.5"
    ceased = await api.ok("POST", f"{url}/cease", json={"done_on": "2026-04-21"})
    assert ceased["status"] == "ceased"
    plan = await api.ok("GET", f"/v1/plans/{plan_id}")
    assert (plan["status"], plan["ceased_on"]) == ("ceased", "2026-04-21")


async def test_r4_5_family_confirms_no_appeal(api: Api) -> None:
    _, _, plan_id = await issued(api)
    url = await _decided(api, plan_id)
    await api.ok("POST", f"{url}/cease", json={"done_on": "2026-03-02",
                                               "family_will_not_appeal": True})
    assert (await api.ok("GET", f"/v1/plans/{plan_id}"))["status"] == "ceased"
    ceased = (await api.events("send.assessment.plan.ceased.v1"))[0]["data"]
    assert ceased["ceased_on"] == "2026-03-02"


async def test_r4_5_cease_after_review_stores_the_notice(api: Api) -> None:
    _, _, plan_id = await issued(api)
    review = await api.ok("POST", f"/v1/plans/{plan_id}/reviews", 201, json={
        "invited_on": "2026-02-03", "meeting_on": "2026-02-17"})
    await api.ok("POST", f"/v1/reviews/{review['id']}/decision", json={
        "outcome": "cease", "decided_on": "2026-02-24", "notified_on": "2026-02-25",
        "cease_ground": "no_longer_necessary", "ceases_on": "2026-03-02"})
    async with api.system.runtimes["assessment"].engine.connect() as conn:
        proposal_id, notified_on = (await conn.execute(select(
            cease_proposal.c.id, cease_proposal.c.notified_on))).one()
    assert notified_on.isoformat() == "2026-02-25"
    problem = await api.fails("POST", f"/v1/cease-proposals/{proposal_id}/cease",
                              json={"done_on": "2026-03-02"})
    assert problem["rule"] == "R4.5"
