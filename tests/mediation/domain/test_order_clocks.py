"""Agreement and Tribunal-order compliance periods (R6.10, R6.11): calendar weeks (R0.1),
never moved for weekends, bank holidays, Christmas or August (those moves are Tribunal
Rules r.12 and bind the Tribunal's own time limits, not the LA's duties under the Regs)."""

from __future__ import annotations

from datetime import date

import pytest

from mediation.domain.clocks import agreement_deadlines, tribunal_order_deadlines
from mediation.domain.model import DeadlineKind as K
from mediation.domain.model import DecisionKind

D = date.fromisoformat


@pytest.mark.parametrize(
    ("kind", "from_on", "options", "expected"),
    [
        (
            DecisionKind.REFUSE_ASSESSMENT,
            "2026-03-02",
            {},
            {
                K.ASSESSMENT_NOTICE_DUE: "2026-03-16",
                K.NO_PLAN_NOTICE_DUE: "2026-05-11",
                K.FINAL_PLAN_DUE: "2026-06-08",
            },
        ),
        (
            DecisionKind.REFUSE_REASSESSMENT,
            "2026-12-18",
            {},
            {
                K.ASSESSMENT_NOTICE_DUE: "2027-01-01",  # New Year's Day: not moved
                K.NO_PLAN_NOTICE_DUE: "2027-02-26",
                K.FINAL_PLAN_DUE: "2027-03-26",
            },
        ),
        (
            DecisionKind.REFUSE_PLAN,
            "2026-03-02",
            {},
            {K.DRAFT_PLAN_DUE: "2026-04-06", K.FINAL_PLAN_DUE: "2026-05-18"},
        ),
        (DecisionKind.PLAN_CONTENTS, "2026-03-02", {}, {K.AMENDED_PLAN_DUE: "2026-04-06"}),
        (DecisionKind.AMENDED_PLAN_CONTENTS, "2026-07-27", {}, {K.AMENDED_PLAN_DUE: "2026-08-31"}),
        (DecisionKind.REFUSE_AMEND, "2026-03-02", {}, {K.AMENDED_PLAN_DUE: "2026-04-06"}),
        (
            DecisionKind.PLAN_CONTENTS,
            "2026-03-02",
            {"section_i_only": True},
            {K.AMENDED_PLAN_DUE: "2026-03-16"},
        ),
        (DecisionKind.CEASE_PLAN, "2026-03-02", {}, {K.PLAN_CONTINUES: "2026-03-02"}),
        (
            DecisionKind.CEASE_PLAN,
            "2026-03-02",
            {"amend_too": True},
            {K.PLAN_CONTINUES: "2026-03-02", K.AMENDED_PLAN_DUE: "2026-04-06"},
        ),
    ],
)
def test_R6_11_tribunal_order_and_unopposed_appeal_compliance(
    kind: DecisionKind, from_on: str, options: dict[str, bool], expected: dict[K, str]
) -> None:
    got = tribunal_order_deadlines(kind, D(from_on), **options)
    assert got == {k: D(v) for k, v in expected.items()}


@pytest.mark.parametrize(
    ("agreed_on", "appealable_kind", "la_is_party", "different", "expected"),
    [
        ("2026-03-02", None, True, False, {K.AGREED_ACTION_DUE: "2026-03-16"}),
        (
            "2026-03-02",
            None,
            False,
            False,
            {K.COMMISSIONING_BODY_NOTICE_DUE: "2026-03-09", K.AGREED_ACTION_DUE: "2026-03-16"},
        ),
        ("2026-12-18", None, True, False, {K.AGREED_ACTION_DUE: "2027-01-01"}),
        (
            "2026-03-02",
            DecisionKind.REFUSE_ASSESSMENT,
            True,
            False,
            {
                K.ASSESSMENT_NOTICE_DUE: "2026-03-16",
                K.NO_PLAN_NOTICE_DUE: "2026-05-11",
                K.FINAL_PLAN_DUE: "2026-06-08",
            },
        ),
        ("2026-03-02", DecisionKind.PLAN_CONTENTS, True, False, {K.AMENDED_PLAN_DUE: "2026-04-06"}),
        ("2026-03-02", None, True, True, {}),  # reg 42(5): their own timescale
        ("2026-03-02", None, False, True, {K.COMMISSIONING_BODY_NOTICE_DUE: "2026-03-09"}),
    ],
)
def test_R6_10_mediation_agreement_deadlines(
    agreed_on: str,
    appealable_kind: DecisionKind | None,
    la_is_party: bool,
    different: bool,
    expected: dict[K, str],
) -> None:
    got = agreement_deadlines(
        D(agreed_on),
        appealable_kind=appealable_kind,
        la_is_party=la_is_party,
        different_timescale_agreed=different,
    )
    assert got == {k: D(v) for k, v in expected.items()}
