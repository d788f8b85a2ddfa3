"""Appeals, orders and compliance steps as pure rules, without a database (R6.4, R6.9,
R6.11)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from mediation.appeals.rules import (
    alternative_of,
    decide_appeal,
    decide_done_by_event,
    decide_order,
    decide_step_done,
    plan_issued_steps,
    reported_by_event,
)
from mediation.domain.enums import DeadlineKind, DecisionKind, OrderKind
from mediation.domain.errors import Conflict, RuleViolation
from tests.mediation.records import AT, STEP, D, case


def _appeal(**options: object) -> object:
    target = case()
    values = {"has_certificate": True, "already_appealed": False, "appeal_id": "a-1",
              "registered_on": D("2026-05-05"), "tribunal_reference": None,
              "created_at": AT} | options
    return decide_appeal(target, target.model(), **values)


def test_R6_9_an_appeal_on_the_last_day_is_in_time_and_one_after_is_not() -> None:
    assert _appeal().in_time is True  # type: ignore[attr-defined]
    assert _appeal(registered_on=D("2026-05-06")).in_time is False  # type: ignore[attr-defined]


def test_R6_4_an_appeal_needs_a_certificate_and_only_one_is_registered() -> None:
    with pytest.raises(RuleViolation, match="R6.4"):
        _appeal(has_certificate=False)
    with pytest.raises(Conflict):
        _appeal(already_appealed=True)
    with pytest.raises(RuleViolation, match="R6.9"):
        _appeal(registered_on=D("2026-03-01"))


def test_R6_11_an_unopposed_appeal_sets_the_assessment_steps() -> None:
    appeal = _appeal()
    order, steps = decide_order(appeal, DecisionKind.REFUSE_ASSESSMENT,
                                order_id="o-1", kind=OrderKind.UNOPPOSED,
                                from_on=D("2026-06-01"), section_i_only=False,
                                amend_too=False, created_at=AT)
    assert order.kind is OrderKind.UNOPPOSED
    assert {(s.kind, s.due_on) for s in steps} == {
        (DeadlineKind.ASSESSMENT_NOTICE_DUE, D("2026-06-15")),
        (DeadlineKind.NO_PLAN_NOTICE_DUE, D("2026-08-10")),
        (DeadlineKind.FINAL_PLAN_DUE, D("2026-09-07"))}
    with pytest.raises(RuleViolation, match="R6.11"):
        decide_order(appeal, DecisionKind.REFUSE_PLAN, order_id="o", kind=OrderKind.ORDER,
                     from_on=D("2026-05-01"), section_i_only=False, amend_too=False,
                     created_at=AT)


def test_R6_11_a_step_done_by_hand_once_records_whether_in_time() -> None:
    done = decide_step_done(STEP, D("2026-06-09"))
    assert (done.done_on, done.in_time) == (D("2026-06-09"), False)
    with pytest.raises(Conflict):
        decide_step_done(done, D("2026-06-10"))


def test_R6_11_a_new_final_plan_completes_the_order_and_its_alternative_is_not_needed() -> None:
    steps = plan_issued_steps("new")
    assert reported_by_event(STEP, DecisionKind.REFUSE_ASSESSMENT, steps)
    assert not reported_by_event(STEP, DecisionKind.PLAN_CONTENTS, steps)
    assert alternative_of(STEP, DecisionKind.REFUSE_ASSESSMENT) is DeadlineKind.NO_PLAN_NOTICE_DUE
    assert alternative_of(STEP, DecisionKind.REFUSE_PLAN) is None
    other = replace(STEP, id="st-2", kind="no_plan_notice_due", due_on=D("2026-05-11"))
    closed = decide_done_by_event(other, D("2026-06-01"), "ev-1", "plan.issued",
                                  alternative=True)
    assert (closed.done_on, closed.in_time, closed.done_by_event_id) == (
        D("2026-06-01"), None, "ev-1")
