"""Draft and final EHC plans (R0.3, R1.12, R1.13, R2.1, R2.2)."""

from datetime import date as D

import pytest

from assessment.domain.errors import PlanInvalid, RuleViolation
from assessment.domain.model import AdviceType, PlanContent, PlanSection
from assessment.domain.plans import (
    check_may_finalise,
    check_plan,
    draft_window,
    plan_problems,
    school_consultation_reply_due_on,
)

S = PlanSection
FULL = {section: f"section {section}" for section in S}
CHILD = D(2016, 5, 1)  # year 4 on 1 June 2025
ON = D(2025, 6, 1)


@pytest.mark.parametrize("served_on, closes_on, earliest_final_on", [
    (D(2025, 2, 14), D(2025, 2, 28), D(2025, 3, 1)),
    (D(2024, 2, 15), D(2024, 2, 29), D(2024, 3, 1)),  # leap year
    (D(2025, 12, 17), D(2025, 12, 31), D(2026, 1, 1)),  # calendar days, holidays count
])
def test_R0_3_R1_12_fifteen_days_beginning_with_service(served_on, closes_on, earliest_final_on):
    window = draft_window(served_on)
    assert (window.comments_close_on, window.earliest_final_on) == (closes_on, earliest_final_on)


def test_R1_12_may_not_finalise_while_comments_are_open():
    with pytest.raises(RuleViolation) as caught:
        check_may_finalise(D(2025, 2, 14), D(2025, 2, 28))
    assert (caught.value.rule, caught.value.field) == ("R1.12", "issued_on")  # as sent
    check_may_finalise(D(2025, 2, 14), D(2025, 3, 1))


def test_R3_5_amendment_comment_period_reports_its_own_rule():
    with pytest.raises(RuleViolation) as caught:
        check_may_finalise(D(2025, 2, 14), D(2025, 2, 14), rule="R3.5")
    assert caught.value.rule == "R3.5"


@pytest.mark.parametrize("consulted_on, reply_due_on", [
    (D(2025, 12, 20), D(2026, 1, 4)),
    (D(2024, 2, 14), D(2024, 2, 29)),
])
def test_R1_13_school_replies_within_fifteen_days(consulted_on, reply_due_on):
    assert school_consultation_reply_due_on(consulted_on) == reply_due_on


def test_R2_1_complete_final_plan_has_no_problems():
    plan = PlanContent(FULL, advice_listed=frozenset({AdviceType.EDUCATION}))
    assert plan_problems(plan, CHILD, ON, advice_received=frozenset({AdviceType.EDUCATION})) == []
    check_plan(plan, CHILD, ON)


def _without(*sections):
    return {s: text for s, text in FULL.items() if s not in sections}


@pytest.mark.parametrize("plan, final, rule, field", [
    (PlanContent(_without(S.B)), True, "R2.1", "sections.B"),
    (PlanContent({**FULL, S.F: "   "}), True, "R2.1", "sections.F"),
    (PlanContent(_without(S.I)), True, "R2.1", "section_i"),
    (PlanContent(FULL), False, "R1.12", "sections.I"),  # a draft leaves I blank
    (PlanContent(_without(S.J), personal_budget_requested=True), True, "R2.1", "sections.J"),
    (PlanContent(_without(S.J), direct_payment=True), True, "R2.1", "sections.J"),
])
def test_R2_1_R1_12_section_problems(plan, final, rule, field):
    problems = plan_problems(plan, CHILD, ON, final=final)
    assert [(p.rule, p.field) for p in problems] == [(rule, field)]


def test_R2_1_optional_sections_may_be_empty_and_a_draft_without_i_is_sound():
    plan = PlanContent(_without(S.C, S.D, S.G, S.H1, S.H2, S.I, S.J))
    assert plan_problems(plan, CHILD, ON, final=False) == []


def test_R2_1_section_k_lists_every_advice_received():
    plan = PlanContent(FULL, advice_listed=frozenset({AdviceType.EDUCATION}))
    problems = plan_problems(plan, CHILD, ON, advice_received=frozenset(
        {AdviceType.EDUCATION, AdviceType.PSYCHOLOGY}))
    assert [(p.rule, p.field) for p in problems] == [("R2.1", "advice_listed")]
    assert "psychology" in problems[0].message


def test_R2_1_h1_only_for_under_18s():
    born_on = D(2007, 6, 1)
    plan = PlanContent(FULL, preparation_for_adulthood_in=frozenset({S.F}))
    assert plan_problems(plan, born_on, D(2025, 5, 31)) == []
    assert [(p.rule, p.field) for p in plan_problems(plan, born_on, D(2025, 6, 1))] == [
        ("R2.1", "sections.H1")]


@pytest.mark.parametrize("on, pfa_in, sections, ok", [
    (D(2025, 8, 31), frozenset(), FULL, True),  # year 8
    (D(2025, 9, 1), frozenset(), FULL, False),  # year 9
    (D(2025, 9, 1), frozenset({S.H2}), FULL, True),
    (D(2025, 9, 1), frozenset({S.G}), _without(S.G), False),  # claimed in an empty section
    (D(2025, 9, 1), frozenset({S.E}), FULL, False),  # E is not provision
])
def test_R2_2_preparation_for_adulthood_from_year_9(on, pfa_in, sections, ok):
    plan = PlanContent(sections, preparation_for_adulthood_in=pfa_in)
    problems = plan_problems(plan, D(2011, 9, 1), on)
    assert (problems == []) is ok
    assert all(p.rule == "R2.2" for p in problems)


def test_R2_1_check_plan_raises_with_every_problem():
    with pytest.raises(PlanInvalid) as caught:
        check_plan(PlanContent(_without(S.A, S.B)), CHILD, ON)
    assert [p.field for p in caught.value.problems] == ["sections.A", "sections.B"]
