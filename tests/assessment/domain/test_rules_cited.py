"""Rules of RULES.md sections 1, 3, 5 and 9 that no other test names with their dotted id,
each checked here table-driven: R1.3 (who is told), R3.2 (under-5 reviews), R5.3 (transfer
cohort deadlines), R5.5 (ceasing instead of transferring is appealable)."""

from __future__ import annotations

from datetime import date as D

import pytest

from assessment.ceasing.rules import decide_cease_instead_of_transfer
from assessment.domain.appeals import transfer_review_decision_kind
from assessment.domain.errors import Conflict, RuleViolation
from assessment.domain.model import PhaseTransferKind as P
from assessment.domain.reviews import under5_review_prompts
from assessment.domain.statements import statement_transfer_deadline
from assessment.domain.status import PlanStatus


@pytest.mark.parametrize("born_on, since_on, prompts", [
    (D(2023, 5, 1), D(2026, 1, 15), (D(2026, 4, 15), D(2026, 7, 15))),
    (D(2023, 5, 1), D(2025, 11, 30), (D(2026, 2, 28), D(2026, 5, 30))),  # R0.4 month end
    (D(2020, 5, 1), D(2025, 6, 1), (D(2025, 9, 1), D(2025, 12, 1))),  # still under 5
    (D(2020, 5, 1), D(2025, 9, 1), None),  # compulsory school age from 31 August 2025
])
def test_R3_2_under_compulsory_school_age_a_review_every_3_to_6_months(born_on, since_on,
                                                                       prompts):
    """R3.2 (CoP 9.178): prompts 3 and 6 months after the plan or last review while the child
    is under compulsory school age; none once they reach it."""
    assert under5_review_prompts(since_on, born_on) == prompts


@pytest.mark.parametrize("born_on, kind, year, deadline", [
    (D(1998, 1, 1), None, None, D(2018, 4, 1)),  # R5.3: every statement by 1 April 2018
    (D(2003, 6, 1), None, None, D(2017, 8, 31)),  # year 9 in 2016/17: before year 10
    (D(2008, 3, 1), P.PRIMARY_TO_SECONDARY, 2016, D(2016, 2, 15)),
    (D(1999, 3, 1), P.SECONDARY_TO_POST16, 2015, D(2015, 5, 31)),
    (D(2000, 3, 1), P.SECONDARY_TO_POST16, 2016, D(2016, 3, 31)),
])
def test_R5_3_statement_transfer_cohort_deadlines(born_on, kind, year, deadline):
    """R5.3 (TO art 12, 14, 28): the earliest cohort deadline that applies."""
    assert statement_transfer_deadline(born_on, phase_transfer=kind,
                                       transfer_year=year) == deadline


@pytest.mark.parametrize("issues_plan, kind", [(False, "refuse_plan"), (True, "plan_contents")])
def test_R5_5_a_transfer_reviews_outcome_is_appealable(issues_plan, kind):
    """R5.5: ceasing instead of transferring is appealable like a refusal to issue a plan."""
    assert transfer_review_decision_kind(issues_plan) == kind


@pytest.mark.parametrize("kind, status, decided_on, notified_on, error, field", [
    ("statement", PlanStatus.DRAFT, D(2026, 2, 1), D(2026, 2, 1), RuleViolation, "decided_on"),
    ("lda", PlanStatus.DRAFT, D(2026, 2, 20), D(2026, 2, 19), RuleViolation, "notified_on"),
    ("statement", PlanStatus.ISSUED, D(2026, 2, 20), D(2026, 2, 20), Conflict, None),
    ("moved_out", PlanStatus.DRAFT, D(2026, 2, 20), D(2026, 2, 20), Conflict, None),
])
def test_R5_5_cease_instead_of_transfer_refusals(kind, status, decided_on, notified_on, error,
                                                 field):
    with pytest.raises(error) as refused:
        decide_cease_instead_of_transfer(kind, D(2026, 2, 2), status, decided_on, notified_on)
    assert getattr(refused.value, "field", None) == field


def test_R5_5_cease_instead_of_transfer_decided():
    decided = decide_cease_instead_of_transfer("statement", D(2026, 2, 2), PlanStatus.DRAFT,
                                               D(2026, 2, 20), D(2026, 2, 23))
    assert (decided.decision_kind, decided.notified_on) == ("refuse_plan", D(2026, 2, 23))
