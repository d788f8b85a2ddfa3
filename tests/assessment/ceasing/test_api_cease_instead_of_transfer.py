"""R5.5 over the HTTP API: ceasing a statement instead of transferring it to an EHC plan is
appealable with mediation; the transfer review's clock closes and nothing is half written
when the step is refused."""

from __future__ import annotations

from sqlalchemy import select

from assessment.plans.tables import plan
from tests.assessment.conftest import Api


async def _transfer_review(api: Api) -> tuple[str, str]:
    case_id = await api.case()
    started = await api.ok("POST", f"/v1/cases/{case_id}/transfer-reviews", 201, json={
        "from": "statement", "notice_on": "2026-01-19", "started_on": "2026-02-02"})
    return case_id, started["id"]


async def test_R5_5_ceasing_instead_of_transferring_is_appealable(api: Api) -> None:
    """R5.5: the decision is a refusal to issue a plan (R6.1), with the appeal period (R6.9)."""
    case_id, transfer_id = await _transfer_review(api)
    assert len(await api.deadlines(case_id, "transfer_review_due")) == 1
    ceased = await api.ok("POST", f"/v1/transfers/{transfer_id}/cease-instead", json={
        "decided_on": "2026-02-20", "notified_on": "2026-02-23",
        "reasons": "needs met without a plan"})
    assert (ceased["decision_kind"], ceased["appeal_period_ends_on"]) == (
        "refuse_plan", "2026-04-23")
    appealable = (await api.events("send.assessment.decision.appealable.v1"))[-1]["data"]
    assert (appealable["decision_id"], appealable["decision_kind"],
            appealable["notified_on"]) == (transfer_id, "refuse_plan", "2026-02-23")
    assert appealable["appellants"][0]["name"] == "Ngozi Okafor"
    assert await api.deadlines(case_id, "transfer_review_due") == []
    # read from the table: GET /v1/plans/{id} answers 500 for a plan never drafted (plans)
    async with api.system.runtimes["assessment"].engine.connect() as conn:
        status, ground = (await conn.execute(select(plan.c.status, plan.c.cease_ground).where(
            plan.c.id == ceased["plan_id"]))).one()
    assert (status, ground) == ("ceased", "not_transferred")
    timeline = await api.ok("GET", f"/v1/cases/{case_id}/timeline")
    assert any(i["type"] == "transfer.ceased_instead" for i in timeline["items"])
    again = await api.fails("POST", f"/v1/transfers/{transfer_id}/cease-instead", 409, json={
        "decided_on": "2026-02-20", "reasons": "again"})
    assert again["status"] == 409


async def test_R5_5_refusals_name_the_field_and_write_nothing(api: Api) -> None:
    case_id, transfer_id = await _transfer_review(api)
    url = f"/v1/transfers/{transfer_id}/cease-instead"
    before = len(await api.events())
    early = await api.fails("POST", url, json={"decided_on": "2026-02-01", "reasons": "x"})
    assert (early["rule"], early["errors"][0]["field"].split(".")[-1]) == ("R5.5", "decided_on")
    backwards = await api.fails("POST", url, json={
        "decided_on": "2026-02-20", "notified_on": "2026-02-19", "reasons": "x"})
    assert backwards["errors"][0]["field"].split(".")[-1] == "notified_on"
    blank = await api.fails("POST", url, json={"decided_on": "2026-02-20", "reasons": "  "})
    assert blank["errors"][0]["field"].split(".")[-1] == "reasons"
    future = await api.fails("POST", url, json={"decided_on": "2026-03-03", "reasons": "x"})
    assert future["errors"][0]["field"].split(".")[-1] == "notified_on"
    await api.fails("POST", url, 404, headers=api.staff(la="202"),
                    json={"decided_on": "2026-02-20", "reasons": "x"})
    assert len(await api.events()) == before
    assert len(await api.deadlines(case_id, "transfer_review_due")) == 1
