"""Statement and LDA transfers, early education, detention and appeal rights (R5.1-R5.4,
R6.1, R9.1, R9.2)."""

from datetime import date as D

import pytest

from assessment.domain.appeals import appealable_decision_kind
from assessment.domain.duties import detained_plan_send_due_on, early_education_from
from assessment.domain.model import Decision, PhaseTransferKind, ReviewOutcome
from assessment.domain.statements import (
    lda_transfer_due_on,
    statement_transfer_deadline,
    transfer_review_due_on,
    transfer_review_notice_by,
)

K = PhaseTransferKind


def test_R5_1_two_weeks_notice_of_a_transfer_review():
    assert transfer_review_notice_by(D(2015, 3, 2)) == D(2015, 2, 16)


@pytest.mark.parametrize("starts_on, due_on", [
    (D(2015, 8, 31), D(2015, 12, 7)),  # 14 weeks
    (D(2015, 9, 1), D(2016, 1, 5)),  # 18 weeks from 1 September 2015
])
def test_R5_2_transfer_review_limit_by_start_date(starts_on, due_on):
    assert transfer_review_due_on(starts_on) == due_on


@pytest.mark.parametrize("born_on, kind, year, deadline", [
    (D(1999, 5, 1), K.SECONDARY_TO_POST16, 2015, D(2015, 5, 31)),
    (D(2000, 5, 1), K.SECONDARY_TO_POST16, 2016, D(2016, 3, 31)),
    (D(2004, 5, 1), K.PRIMARY_TO_SECONDARY, 2015, D(2015, 2, 15)),
    (D(2002, 5, 1), None, None, D(2016, 8, 31)),  # year 9 in 2015/16: before year 10
    (D(2006, 5, 1), None, None, D(2018, 4, 1)),  # the backstop
])
def test_R5_3_statement_cohort_deadlines(born_on, kind, year, deadline):
    assert statement_transfer_deadline(born_on, phase_transfer=kind,
                                       transfer_year=year) == deadline


@pytest.mark.parametrize("received_on, due_on", [
    (D(2016, 1, 4), D(2016, 5, 23)),  # a new request: 20 weeks
    (D(2016, 6, 1), D(2016, 9, 1)),  # but all LDAs by 1 September 2016
])
def test_R5_4_lda_transfer_is_a_twenty_week_request(received_on, due_on):
    assert lda_transfer_due_on(received_on) == due_on


@pytest.mark.parametrize("born_on, entitled_from", [
    (D(2023, 8, 31), D(2025, 9, 1)),
    (D(2023, 9, 1), D(2026, 1, 1)),  # the term beginning on the birthday is not "after" it
    (D(2023, 12, 31), D(2026, 1, 1)),
    (D(2024, 1, 1), D(2026, 4, 1)),
    (D(2024, 2, 29), D(2026, 4, 1)),  # second birthday on 28 February 2026
    (D(2024, 3, 31), D(2026, 4, 1)),
    (D(2024, 4, 1), D(2026, 9, 1)),
])
def test_R9_1_early_education_from_the_term_after_the_second_birthday(born_on, entitled_from):
    assert early_education_from(born_on) == entitled_from


@pytest.mark.parametrize("learned_on, due_on", [
    (D(2025, 12, 23), D(2026, 1, 2)),  # over Christmas, Boxing Day and New Year's Day
    (D(2026, 4, 2), D(2026, 4, 13)),  # over Good Friday and Easter Monday
    (D(2026, 12, 24), D(2027, 1, 5)),  # substitute Boxing Day on 28 December 2026
])
def test_R9_2_detained_plan_sent_within_five_working_days(learned_on, due_on):
    assert detained_plan_send_due_on(learned_on) == due_on


@pytest.mark.parametrize("outcome, kind", [
    (Decision.REFUSE_ASSESSMENT, "refuse_assessment"),
    (Decision.REFUSE_PLAN, "refuse_plan"),
    (Decision.ISSUE_PLAN, "plan_contents"),
    (Decision.ISSUE_AMENDED_PLAN, "amended_plan_contents"),
    (Decision.REFUSE_AMEND, "refuse_amend"),
    (ReviewOutcome.MAINTAIN, "refuse_amend"),
    (Decision.CEASE_PLAN, "cease_plan"),
    (ReviewOutcome.CEASE, "cease_plan"),
    (Decision.REFUSE_REASSESSMENT, "refuse_reassessment"),
    (Decision.ASSESS, None),
    (Decision.REASSESS, None),
    (ReviewOutcome.AMEND, None),
])
def test_R6_1_appealable_decisions(outcome, kind):
    assert appealable_decision_kind(outcome) == kind
