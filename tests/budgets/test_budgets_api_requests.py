"""Personal budget requests and decisions over HTTP (R7.1-R7.3, R7.5, R7.6, R7.8), on
Postgres and SQLite."""

from __future__ import annotations

from typing import Any

from tests.budgets.budgets_support import (
    CASE,
    INFORMED,
    PREPARATION,
    Budgets,
    components,
    in_school_dp,
)

REQUEST_TABLES = ("personal_budget", "budget_component", "outbox")


async def _nothing_written(bud: Budgets, before: dict[str, int]) -> None:
    assert {t: await bud.count(t) for t in REQUEST_TABLES} == before


async def _counts(bud: Budgets) -> dict[str, int]:
    return {t: await bud.count(t) for t in REQUEST_TABLES}


def _rule(body: dict[str, Any]) -> tuple[str, str | None]:
    assert body["type"].endswith("/rule-violation"), body
    return body["rule"], body["errors"][0]["field"]


async def test_r7_1_request_refused_without_a_plan_decision_and_nothing_written(
        bud: Budgets) -> None:
    before = await _counts(bud)
    body = await bud.call("POST", "/v1/budget-requests", 422, headers=bud.family(),
                          case_id=CASE)
    assert _rule(body) == ("R7.1", "case_id")
    await _nothing_written(bud, before)
    seen = await bud.call("GET", f"/v1/cases/{CASE}/budget-eligibility", headers=bud.family())
    assert (seen["may_request"], seen["stage"]) == (False, None)
    await bud.drafted()
    seen = await bud.call("GET", f"/v1/cases/{CASE}/budget-eligibility", headers=bud.family())
    assert (seen["may_request"], seen["context"]) == (True, "plan_in_preparation")
    await bud.call("GET", f"/v1/cases/{CASE}/budget-eligibility", 404,
                   headers=bud.family("other"))


async def test_r7_1_not_while_only_assessing_nor_after_a_no_plan_decision(bud: Budgets) -> None:
    await bud.feed("send.assessment.decision.made.v1", {
        "case_id": CASE, "request_id": "r-1", "decision": "assess", "decided_on": "2026-01-05"})
    body = await bud.call("POST", "/v1/budget-requests", 422, headers=bud.family(),
                          case_id=CASE)
    assert "assessing" in body["detail"]
    await bud.feed("send.assessment.plan.refused.v1", {
        "case_id": CASE, "request_id": "r-1", "decided_on": "2026-02-20"})
    body = await bud.call("POST", "/v1/budget-requests", 422, headers=bud.family(),
                          case_id=CASE)
    assert "no_plan" in body["detail"]


async def test_r7_1_family_requests_once_the_la_decided_to_make_a_plan(bud: Budgets) -> None:
    budget = await bud.requested()
    assert (budget["status"], budget["context"], budget["plan_id"], budget["requested_by"]) == (
        "received", "plan_in_preparation", "plan-1", "family")
    [event] = await bud.events("send.budgets.request.received.v1")
    assert event["data"] == {"case_id": CASE, "budget_request_id": budget["id"],
                             "received_on": "2026-03-02", "context": "plan_in_preparation"}
    # a second request while the first is considered is a conflict
    await bud.call("POST", "/v1/budget-requests", 409, headers=bud.family(), case_id=CASE)


async def test_r7_1_at_review_of_a_maintained_plan_but_not_between_reviews(bud: Budgets) -> None:
    await bud.feed("send.assessment.plan.issued.v1", {
        "case_id": CASE, "plan_id": "plan-1", "version": 2, "issued_on": "2025-06-02",
        "reason": "new", "within_statutory_time": True, "weeks_taken": 19.0})
    await bud.call("POST", "/v1/budget-requests", 422, headers=bud.family(), case_id=CASE)
    await bud.feed("send.assessment.deadline.approaching.v1", {
        "case_id": CASE, "deadline_id": "d-1", "deadline_kind": "annual_review_due",
        "due_on": "2026-06-02", "days_left": 92, "working_days_left": 64, "owner": {}})
    budget = await bud.call("POST", "/v1/budget-requests", 201, headers=bud.family(),
                            case_id=CASE)
    assert budget["context"] == "review_or_reassessment"


async def test_a_family_asks_only_for_its_own_case(bud: Budgets) -> None:
    await bud.drafted("other-case")
    await bud.call("POST", "/v1/budget-requests", 404, headers=bud.family(),
                   case_id="other-case")


async def test_r7_3_information_comes_before_the_budget_is_prepared(bud: Budgets) -> None:
    budget = await bud.requested()
    body = await bud.call("PUT", f"/v1/budget-requests/{budget['id']}/preparation", 422,
                          **PREPARATION)
    assert _rule(body) == ("R7.3", "status")
    body = await bud.call("POST", f"/v1/budget-requests/{budget['id']}/information", 422,
                          **INFORMED | {"direct_payment_conditions": False})
    assert _rule(body) == ("R7.3", "direct_payment_conditions")
    informed = await bud.call("POST", f"/v1/budget-requests/{budget['id']}/information",
                              **INFORMED)
    assert (informed["status"], informed["information_given_on"]) == ("informed", "2026-03-02")


async def test_r7_2_r7_5_components_per_stream_with_mechanisms_and_block_provision(
        bud: Budgets) -> None:
    budget = await bud.prepared()
    assert budget["status"] == "prepared"
    assert budget["total_pence"] == 520_000 + 180_050  # block-commissioned is outside it
    assert [(c["funding_stream"], c["mechanism"], c["block_commissioned"])
            for c in budget["components"]] == [("education", "direct_payment", False),
                                               ("social_care", "third_party", False),
                                               ("health", None, True)]


async def _refused_preparation(bud: Budgets, line: dict[str, Any]) -> dict[str, Any]:
    budget = await bud.requested()
    await bud.call("POST", f"/v1/budget-requests/{budget['id']}/information", **INFORMED)
    before = await bud.count("budget_component")
    body = await bud.call("PUT", f"/v1/budget-requests/{budget['id']}/preparation", 422,
                          components=[line], outcomes_supported=["x"])
    assert await bud.count("budget_component") == before
    return body


async def test_r7_6_no_direct_payment_for_a_school_place(bud: Budgets) -> None:
    body = await _refused_preparation(bud, in_school_dp() | {"school_or_college_place": True})
    assert _rule(body) == ("R7.6", "components.0.school_or_college_place")


async def test_r7_2_a_component_names_its_mechanism(bud: Budgets) -> None:
    line = components()[1] | {"mechanism": None}
    assert _rule(await _refused_preparation(bud, line)) == ("R7.2", "components.0.mechanism")


async def test_r7_5_block_commissioned_provision_has_no_amount_of_its_own(bud: Budgets) -> None:
    line = components()[2] | {"annual_pence": 100}
    assert _rule(await _refused_preparation(bud, line))[0] == "R7.5"


async def test_money_is_integer_pence_fractions_and_negatives_refused(bud: Budgets) -> None:
    for amount in (1234.5, -100):
        body = await _refused_preparation(bud, components()[1] | {"annual_pence": amount})
        assert _rule(body) == ("integer-pence", "components.0.annual_pence")
        await bud.call("POST", f"/v1/budget-requests/{body['instance'].split('/')[3]}"
                       "/decision", 200, decision="refused", decided_on="2026-03-02",
                       reasons="test tidy-up")


async def test_r7_8_refusal_gives_reasons_and_a_review_is_tracked(bud: Budgets) -> None:
    budget = await bud.prepared()
    url = f"/v1/budget-requests/{budget['id']}"
    body = await bud.call("POST", f"{url}/decision", 422, decision="refused",
                          decided_on="2026-03-02")
    assert _rule(body) == ("R7.8", "reasons")
    refused = await bud.call("POST", f"{url}/decision", decision="refused",
                             decided_on="2026-03-02", reasons="the provision is "
                             "block-commissioned in this area")
    assert (refused["status"], refused["review_right"]) == ("refused", True)
    [decision] = await bud.events("send.budgets.decision.made.v1")
    assert decision["data"]["decision"] == "refused" and decision["data"]["review_right"]
    asked = await bud.call("POST", f"{url}/review-request", headers=bud.family(),
                           requested_on="2026-03-02", grounds="the therapy can be bought "
                           "separately")
    assert (asked["status"], asked["review_due_on"]) == ("review_requested", "2026-03-30")
    await bud.call("PUT", f"{url}/preparation", **PREPARATION)
    agreed = await bud.call("POST", f"{url}/decision", decision="agreed",
                            decided_on="2026-03-02")
    assert agreed["status"] == "agreed"
    response = await bud.http.post("/ops/deadlines/sweep", json={"as_of": "2026-04-30"},
                                   headers=bud.system.token("platform_ops"))
    kinds = {e["data"]["deadline_kind"] for e in
             await bud.events("send.budgets.deadline.missed.v1")}
    assert response.status_code == 200 and "budget_review_request" not in kinds


async def test_r7_8_the_review_clock_fires_when_the_la_does_not_decide(bud: Budgets) -> None:
    budget = await bud.prepared()
    url = f"/v1/budget-requests/{budget['id']}"
    await bud.call("POST", f"{url}/decision", decision="refused", decided_on="2026-03-02",
                   reasons="not value for money")
    await bud.call("POST", f"{url}/review-request", headers=bud.family(),
                   requested_on="2026-03-02", grounds="please look again")
    await bud.http.post("/ops/deadlines/sweep", json={"as_of": "2026-03-31"},
                        headers=bud.system.token("platform_ops"))
    [missed] = await bud.events("send.budgets.deadline.missed.v1")
    assert (missed["data"]["deadline_kind"], missed["data"]["due_on"]) == (
        "budget_review_request", "2026-03-30")


async def test_families_read_only_their_own_budgets_and_never_decide(bud: Budgets) -> None:
    budget = await bud.prepared()
    mine = await bud.call("GET", "/v1/budget-requests", headers=bud.family())
    assert [b["id"] for b in mine["items"]] == [budget["id"]]
    theirs = await bud.call("GET", "/v1/budget-requests", headers=bud.family("other"))
    assert theirs["items"] == []
    await bud.call("GET", f"/v1/budget-requests/{budget['id']}", 404,
                   headers=bud.family("other"))
    await bud.call("GET", f"/v1/budget-requests/{budget['id']}", 404,
                   headers=bud.staff(la="202"))
    await bud.call("POST", f"/v1/budget-requests/{budget['id']}/decision", 403,
                   headers=bud.family(), decision="agreed", decided_on="2026-03-02")


async def test_a_stale_if_match_is_refused(bud: Budgets) -> None:
    budget = await bud.prepared()
    response = await bud.http.post(f"/v1/budget-requests/{budget['id']}/decision",
                                   headers=bud.staff() | {"If-Match": 'W/"1"'},
                                   json={"decision": "agreed", "decided_on": "2026-03-02"})
    assert response.status_code == 412


async def test_a_repeated_request_with_the_same_idempotency_key_returns_the_first(
        bud: Budgets) -> None:
    await bud.drafted()
    headers = bud.family() | {"Idempotency-Key": "ask-once"}
    first = await bud.call("POST", "/v1/budget-requests", 201, headers=headers, case_id=CASE)
    again = await bud.call("POST", "/v1/budget-requests", 201, headers=headers, case_id=CASE)
    assert again["id"] == first["id"] and await bud.count("personal_budget") == 1
    assert len(await bud.events("send.budgets.request.received.v1")) == 1
