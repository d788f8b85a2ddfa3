"""The case's transitions as pure rules, without a database (R6.1-R6.4, R6.6, R6.9)."""

from __future__ import annotations

import pytest

from mediation.cases.rules import (
    NOTICE_ITEMS,
    Choice,
    Decision,
    decide_choice,
    decide_commissioning_body_told,
    decide_information,
    decide_not_arranged,
    decide_open,
    status_of,
)
from mediation.domain.enums import (
    CaseStatus,
    DecisionKind,
    FamilyChoice,
    MediationIssue,
    OpenedBy,
)
from mediation.domain.errors import RuleViolation, WrongState
from tests.mediation.records import AT, D, case

ALL_ITEMS = [*NOTICE_ITEMS, "disagreement_resolution"]


def test_R6_1_R6_3_decide_open_starts_the_two_month_clock_and_the_appeal_deadline() -> None:
    decision = Decision(case_id="c-1", decision_id="d-9", decision_kind="plan_contents",
                        decided_on=D("2026-03-02"), notified_on=D("2026-03-03"),
                        appellants=[{"name": "Parent"}])
    opened = decide_open(decision, mediation_case_id="mc-9", la_code="201",
                         opened_by=OpenedBy.EVENT, opened_at=AT)
    assert (opened.decision_kind, opened.status, opened.contact_adviser_by,
            opened.appeal_by) == (DecisionKind.PLAN_CONTENTS, CaseStatus.AWAITING_FAMILY_CHOICE,
                                  D("2026-05-03"), D("2026-05-05"))


def test_R6_2_decide_open_refuses_a_notice_before_the_decision() -> None:
    decision = Decision(case_id="c-1", decision_id="d-9", decision_kind="refuse_plan",
                        decided_on=D("2026-03-02"), notified_on=D("2026-03-01"),
                        appellants=[])
    with pytest.raises(RuleViolation) as refused:
        decide_open(decision, mediation_case_id="m", la_code="201", opened_by=OpenedBy.HAND,
                    opened_at=AT)
    assert (refused.value.rule, refused.value.field) == ("R6.2", "notified_on")


def test_R6_2_R6_12_decide_information() -> None:
    sent = decide_information(case(), D("2026-03-03"), "post", ALL_ITEMS)
    assert (sent.information_sent_on, sent.information_channel) == (D("2026-03-03"), "post")
    with pytest.raises(RuleViolation, match="R6.12"):
        decide_information(case(), D("2026-03-03"), "post", NOTICE_ITEMS)
    with pytest.raises(RuleViolation, match="R6.2"):
        decide_information(case(), D("2026-03-01"), "post", None)


def test_R6_3_R6_6_decide_choice_mediation_with_health_names_the_icb() -> None:
    chosen = decide_choice(case(), Choice(
        told_adviser_on=D("2026-03-10"), choice=FamilyChoice.MEDIATION,
        issues=(MediationIssue.EDUCATION, MediationIssue.HEALTH),
        commissioning_body=("QWE", "NHS ICB")))
    assert (chosen.requested_on, chosen.commissioning_body_org_code) == (D("2026-03-10"), "QWE")
    assert status_of(chosen.model(), appealed=False) is CaseStatus.MEDIATION_REQUESTED


@pytest.mark.parametrize(("command", "rule", "field"), [
    (Choice(D("2026-03-10"), FamilyChoice.MEDIATION), "R6.6", "issues"),
    (Choice(D("2026-03-10"), FamilyChoice.MEDIATION, (MediationIssue.HEALTH,)), "R6.6",
     "commissioning_body"),
    (Choice(D("2026-05-04"), FamilyChoice.MEDIATION, (MediationIssue.EDUCATION,)), "R6.3",
     "requested_on"),
    (Choice(D("2026-03-10"), FamilyChoice.DECLINED, section_i_only=True), "R6.4",
     "section_i_only"),
])
def test_R6_3_R6_4_R6_6_decide_choice_refusals(command: Choice, rule: str, field: str) -> None:
    with pytest.raises(RuleViolation) as refused:
        decide_choice(case(), command)
    assert (refused.value.rule, refused.value.field) == (rule, field)


def test_R6_3_a_second_choice_is_the_wrong_state() -> None:
    with pytest.raises(WrongState, match="R6.3"):
        decide_choice(case(choice=FamilyChoice.DECLINED),
                      Choice(D("2026-03-10"), FamilyChoice.DECLINED))


def test_R6_6_decide_commissioning_body_told_needs_health_issues() -> None:
    with pytest.raises(WrongState, match="R6.6"):
        decide_commissioning_body_told(case(), D("2026-03-11"), True)
    told = decide_commissioning_body_told(case(commissioning_body_org_code="QWE"),
                                          D("2026-03-11"), False)
    assert (told.commissioning_body_told_on, told.commissioning_body_joined) == (
        D("2026-03-11"), False)


def test_R6_6_decide_not_arranged_only_after_the_30_days() -> None:
    requested = case(choice=FamilyChoice.MEDIATION, requested_on=D("2026-03-10"))
    with pytest.raises(RuleViolation, match="until 2026-04-09"):
        decide_not_arranged(requested, D("2026-04-09"))
    assert decide_not_arranged(requested, D("2026-04-10")).not_arranged_reported_on == \
        D("2026-04-10")
    with pytest.raises(WrongState):
        decide_not_arranged(case(), D("2026-04-10"))
    with pytest.raises(WrongState):
        decide_not_arranged(case(requested_on=D("2026-03-10"), arranged_on=D("2026-03-12")),
                            D("2026-04-10"))
