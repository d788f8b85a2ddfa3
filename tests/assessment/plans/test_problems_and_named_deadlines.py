"""Plan problems that say what is wrong (R2.1, R2.2, R1.12), the final plan as the latest
draft plus its changes (R1.14), and every statutory date of a plan kept as a named deadline
in the work tray, the timeline and the response of the endpoint that set it (R1.12 with
R0.3, R3.5)."""

from __future__ import annotations

from datetime import date as D

import pytest

from assessment.domain.deadline_names import DEADLINE_LABELS, deadline_label
from assessment.domain.errors import PlanInvalid, RuleViolation
from assessment.domain.model import DeadlineKind
from assessment.transfers.phases import close_past_comment_windows
from common.problems import rule_violation_problem
from tests.assessment.conftest import Api
from tests.assessment.plan_flow import DRAFT, FINAL, SECTIONS, drafted, issued

ISSUE = {k: FINAL[k] for k in ("issued_on", "section_i")}


# --- item 5: one errors[] entry per problem, in plain words, naming the field sent ---------

def test_r2_1_every_problem_is_its_own_entry_with_rule_field_and_reason():
    problems = [RuleViolation("R2.1", "section B must be filled in", "sections.B"),
                RuleViolation("R2.2", "from year 9 ...", "preparation_for_adulthood_in")]
    document = rule_violation_problem(PlanInvalid(problems))
    assert document.errors == [
        {"rule": "R2.1", "field": "sections.B", "message": "section B must be filled in"},
        {"rule": "R2.2", "field": "preparation_for_adulthood_in",
         "message": "from year 9 ..."}]
    assert "problem(s)" not in document.detail and "section B must be filled in" in document.detail


async def test_r2_1_r2_2_a_final_plan_with_problems_names_each(api: Api) -> None:
    # born 1 Oct 2011: year 9 from September 2025, so R2.2 applies on 2 February 2026
    _, _, plan_id = await drafted(api, "2011-10-01",
                                  DRAFT | {"preparation_for_adulthood_in": ["F"]})
    problem = await api.fails("POST", f"/v1/plans/{plan_id}/final", json=ISSUE | {
        "sections": {"B": "", "K": "  "}, "advice_listed": [],
        "preparation_for_adulthood_in": []})
    entries = {(e["rule"], e["field"]) for e in problem["errors"]}
    assert entries == {("R2.1", "sections.B"), ("R2.1", "sections.K"),
                       ("R2.1", "advice_listed"), ("R2.2", "preparation_for_adulthood_in")}
    messages = " ".join(e["message"] for e in problem["errors"])
    assert "special educational needs" in messages and "education advice" in messages
    assert "year 9" in messages and "problem(s)" not in problem["detail"]
    assert await api.events("send.assessment.plan.issued.v1") == []
    plan = await api.ok("GET", f"/v1/plans/{plan_id}")
    assert (plan["status"], plan["current"]["stage"]) == ("draft", "draft")


async def test_r1_12_too_early_names_issued_on_not_today(api: Api) -> None:
    _, _, plan_id = await drafted(api)
    problem = await api.fails("POST", f"/v1/plans/{plan_id}/final",
                              json=ISSUE | {"issued_on": "2026-01-19"})
    assert [(e["rule"], e["field"]) for e in problem["errors"]] == [("R1.12", "issued_on")]
    assert "2026-01-20" in problem["errors"][0]["message"]


async def test_r1_12_a_draft_with_section_i_names_sections_i(api: Api) -> None:
    _, request_id = await api.assessing()
    problem = await api.fails("POST", f"/v1/requests/{request_id}/plans", json=DRAFT | {
        "sections": SECTIONS | {"I": "Oak Primary"}, "advice_listed": [],
        "sent_on": "2026-02-10"})
    assert [(e["rule"], e["field"]) for e in problem["errors"]] == [("R1.12", "sections.I")]


# --- item 5: the final plan is the latest draft plus the changes ---------------------------

async def test_r1_14_the_final_plan_carries_the_draft_nothing_sent_twice(api: Api) -> None:
    _, _, plan_id = await drafted(api)
    plan = await api.ok("POST", f"/v1/plans/{plan_id}/final", json=ISSUE)
    assert plan["current"]["stage"] == "final"
    assert plan["current"]["sections"] == SECTIONS | {"I": "Oak Primary (mainstream_school)"}
    assert plan["current"]["advice_listed"] == ["education"]


async def test_r1_14_the_final_plan_changes_only_what_it_sends(api: Api) -> None:
    _, _, plan_id = await drafted(api)
    plan = await api.ok("POST", f"/v1/plans/{plan_id}/final", json=ISSUE | {
        "sections": {"F": "Twice-weekly speech and language therapy.", "I": "Oak Primary"},
        "personal_budget_requested": False})
    assert plan["current"]["sections"] == SECTIONS | {
        "F": "Twice-weekly speech and language therapy.", "I": "Oak Primary"}


# --- item 4: every statutory date is a deadline with a name ---------------------------------

def test_every_deadline_kind_has_a_name():
    assert set(DEADLINE_LABELS) == set(DeadlineKind)
    assert deadline_label("draft_comments_close").startswith("Family's comments")
    assert deadline_label("some_new_kind") == "Some new kind"


async def _named(api: Api, case_id: str, kind: str) -> list[str]:
    return [d["due_on"] for d in await api.deadlines(case_id, kind)]


@pytest.mark.parametrize("step, kind, due_on", [
    # R1.12, R0.3: served 5 Jan 2026, comments close on the 14th day after (19 Jan)
    ("draft", "draft_comments_close", "2026-01-19"),
    # R3.5: proposed amendments sent 9 Feb 2026, the final amended plan within 8 weeks
    ("amendment", "amended_plan_due", "2026-04-06"),
    # R1.12, R0.3: the proposed amendments' own comment window, 15 days from 9 Feb
    ("amendment", "draft_comments_close", "2026-02-23"),
    # R1.12, R0.3: a revised draft's window starts afresh from its service (20 Jan → 3 Feb)
    ("revision", "draft_comments_close", "2026-02-03"),
])
async def test_r1_12_r3_5_each_date_is_a_named_deadline_returned_where_it_was_set(
        api: Api, step: str, kind: str, due_on: str) -> None:
    if step == "draft":
        case_id, _, plan_id = await drafted(api)
        plan = await api.ok("GET", f"/v1/plans/{plan_id}")
    elif step == "revision":
        case_id, _, plan_id = await drafted(api)
        plan = await api.ok("POST", f"/v1/plans/{plan_id}/drafts", 201,
                            json=DRAFT | {"sent_on": "2026-01-20"})
    else:
        case_id, _, plan_id = await issued(api)
        plan = await api.ok("POST", f"/v1/plans/{plan_id}/amendments", 201,
                            json=DRAFT | {"sent_on": "2026-02-09"})
    # in the response of the endpoint that set it, with its name
    returned = [d for d in plan["deadlines"] if d["kind"] == kind]
    assert [(d["due_on"], d["label"]) for d in returned] == [(due_on, deadline_label(kind))]
    # in the work tray (one open: a revision replaces the window) and the timeline
    assert await _named(api, case_id, kind) == [due_on]
    timeline = await api.ok("GET", f"/v1/cases/{case_id}/timeline")
    assert (due_on, "open") in {(i["on"], i["data"]["status"]) for i in timeline["items"]
                                if i["type"] == kind}


async def test_r1_12_the_final_plan_closes_the_comment_window(api: Api) -> None:
    case_id, _, plan_id = await issued(api)
    assert await _named(api, case_id, "draft_comments_close") == []
    closed = await api.deadlines(case_id, "draft_comments_close", "closed")
    assert [(d["due_on"], d["closed_on"]) for d in closed] == [("2026-01-19", "2026-02-02")]
    plan = await api.ok("GET", f"/v1/plans/{plan_id}")
    assert "draft_comments_close" not in {d["kind"] for d in plan["deadlines"]}


async def test_r1_12_an_ended_window_is_met_on_its_last_day_never_missed(api: Api) -> None:
    """The comment window is the family's time: shown, never alerting the LA."""
    case_id, _, _ = await drafted(api)
    runtime = api.system.runtimes["assessment"]
    await runtime.sweep(D(2026, 1, 19))
    assert [e for e in await api.events("send.assessment.deadline.approaching.v1")
            if e["data"]["deadline_kind"] == "draft_comments_close"] == []
    async with runtime.transaction() as uow:
        assert await close_past_comment_windows(uow, D(2026, 1, 18)) == 0
    async with runtime.transaction() as uow:
        assert await close_past_comment_windows(uow, D(2026, 1, 19)) == 1
    closed = await api.deadlines(case_id, "draft_comments_close", "closed")
    assert [(d["due_on"], d["closed_on"]) for d in closed] == [("2026-01-19", "2026-01-19")]
    await runtime.sweep(D(2026, 1, 20))
    assert [e for e in await api.events("send.assessment.deadline.missed.v1")
            if e["data"]["deadline_kind"] == "draft_comments_close"] == []
