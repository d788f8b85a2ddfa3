"""The policy over HTTP (R7.4, R7.11), and the consumers of assessment's events: the
eligibility read model (R7.1) and re-opening at an annual review (R7.9), redelivery-safe."""

from __future__ import annotations

from typing import Any

from tests.budgets.budgets_support import CASE, Budgets

POLICY: dict[str, Any] = {
    "title": "Personal budgets in our area", "summary": "What a personal budget can pay for",
    "url": "https://la201.test/local-offer/personal-budgets",
    "content": {
        "services": [{"name": "speech and language therapy", "funding_stream": "education"},
                     {"name": "continuing care", "funding_stream": "health"},
                     {"name": "short breaks", "funding_stream": "social_care"}],
        "funding_arrangements": "high-needs top-up; personal health budgets; social care",
        "mechanisms": ["direct_payment", "notional", "third_party"],
        "eligibility_criteria": ["an EHC plan is being prepared, reviewed or re-assessed"],
        "decision_process": "a caseworker prepares it, a panel agrees it"}}


async def _issued(bud: Budgets) -> None:
    await bud.feed("send.assessment.plan.issued.v1", {
        "case_id": CASE, "plan_id": "plan-1", "version": 2, "issued_on": "2026-03-02",
        "reason": "new", "within_statutory_time": True, "weeks_taken": 19.0})


async def test_r7_4_publish_a_policy_that_sets_everything_out(bud: Budgets) -> None:
    thin = POLICY | {"content": POLICY["content"]
                     | {"services": POLICY["content"]["services"][:2]}}
    draft = await bud.call("POST", "/v1/policies", 201, **thin)
    body = await bud.call("POST", f"/v1/policies/{draft['id']}/publish", 422)
    assert (body["rule"], body["errors"][0]["field"]) == ("R7.4", "services")
    assert await bud.events("send.budgets.policy.published.v1") == []
    draft = await bud.call("POST", "/v1/policies", 201, **POLICY)
    published = await bud.call("POST", f"/v1/policies/{draft['id']}/publish")
    assert (published["status"], published["version"]) == ("published", 2)
    [event] = await bud.events("send.budgets.policy.published.v1")
    assert event["data"] == {"la_code": "201", "policy_id": draft["id"], "version": 2,
                             "published_on": "2026-03-02", "summary": POLICY["summary"],
                             "url": POLICY["url"]}
    # families see the published policy, not the drafts
    seen = await bud.call("GET", "/v1/policies", headers=bud.family())
    assert [p["version"] for p in seen["items"]] == [2]
    await bud.call("POST", "/v1/policies", 403, headers=bud.family(), **POLICY)


async def test_r7_11_scope_report_year_on_year(bud: Budgets) -> None:
    first = await bud.call("POST", "/v1/policies", 201, **POLICY)
    await bud.call("POST", f"/v1/policies/{first['id']}/publish", published_on="2026-03-01")
    wider = POLICY["content"] | {"services": [*POLICY["content"]["services"],
                                              {"name": "equipment", "funding_stream": "health"}]}
    second = await bud.call("POST", "/v1/policies", 201, **POLICY | {"content": wider})
    await bud.call("POST", f"/v1/policies/{second['id']}/publish")
    await bud.agreed()
    report = await bud.call("GET", "/v1/reports/scope")
    assert [(v["version"], v["services_by_stream"], v["services_added"])
            for v in report["versions"]] == [
        (1, {"education": 1, "health": 1, "social_care": 1}, 3),
        (2, {"education": 1, "health": 2, "social_care": 1}, 1)]
    assert report["budgets_by_year"] == [{"year": 2026, "agreed": 1, "total_pence": 700_050}]


async def test_r7_1_consumers_handle_redelivery_once(bud: Budgets) -> None:
    data = {"case_id": CASE, "plan_id": "plan-1", "version": 1, "sent_on": "2026-02-27",
            "comments_due_on": "2026-03-13", "personal_budget_requested": True}
    assert await bud.feed("send.assessment.plan.drafted.v1", data, event_id="e-1") == "done"
    assert await bud.feed("send.assessment.plan.drafted.v1", data, event_id="e-1") == \
        "duplicate"
    assert await bud.count("plan_case") == 1
    await bud.call("POST", "/v1/budget-requests", 201, headers=bud.family(), case_id=CASE)


async def test_r7_9_annual_review_reopens_the_budget_once_even_if_redelivered(
        bud: Budgets) -> None:
    budget = await bud.agreed()
    await _issued(bud)
    review = {"case_id": CASE, "plan_id": "plan-1", "review_id": "rv-1", "outcome": "amend",
              "decided_on": "2026-03-02", "next_review_due_on": "2027-03-02"}
    for _ in range(2):
        await bud.feed("send.assessment.review.completed.v1", review, event_id="rv-event")
    reopened = await bud.call("GET", f"/v1/budget-requests/{budget['id']}")
    assert (reopened["status"], reopened["reopened_on"]) == ("reopened", "2026-03-02")
    # re-prepared and agreed again, it goes back into the amended plan as a new Section J
    await bud.call("PUT", f"/v1/budget-requests/{budget['id']}/preparation",
                   components=[{"funding_stream": "social_care", "provision": "short breaks",
                                "annual_pence": 200_000, "mechanism": "third_party"}],
                   outcomes_supported=["to join a club after school"])
    await bud.call("POST", f"/v1/budget-requests/{budget['id']}/decision", decision="agreed",
                   decided_on="2026-03-02")
    dp = await bud.direct_payment(budget["id"])
    assert (dp["status"], dp["stop_reason"]) == ("stopped",
                                                 "no longer part of the agreed budget")
    events = await bud.events("send.budgets.section_j.prepared.v1")
    assert [e["data"]["section_j"]["total_pence"] for e in events] == [700_050, 200_000]


async def test_r7_9_a_reassessment_of_a_maintained_plan_reopens_the_budget(
        bud: Budgets) -> None:
    budget = await bud.agreed()
    await _issued(bud)
    await bud.feed("send.assessment.decision.made.v1", {
        "case_id": CASE, "request_id": "r-2", "decision": "assess", "decided_on": "2026-03-02"})
    reopened = await bud.call("GET", f"/v1/budget-requests/{budget['id']}")
    assert reopened["status"] == "reopened"


async def test_r2_1_an_amended_draft_gets_the_agreed_section_j_again(bud: Budgets) -> None:
    await bud.agreed()
    await _issued(bud)
    await bud.feed("send.assessment.plan.drafted.v1", {
        "case_id": CASE, "plan_id": "plan-1", "version": 3, "sent_on": "2026-03-02",
        "comments_due_on": "2026-03-16", "personal_budget_requested": True,
        "amendment": True})
    events = await bud.events("send.budgets.section_j.prepared.v1")
    assert [(e["data"]["plan_id"], e["data"]["section_j"]["revision"]) for e in events] == [
        ("plan-1", 1), ("plan-1", 2)]
