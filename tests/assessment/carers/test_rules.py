"""Parent carers' needs assessments (R9.3; Children Act 1989 s.17ZD, inserted by CFA 2014
s.97): due on the parent carer's request or when it appears to the LA that they may have
needs for support, for carers of a child (under 18), completed once."""

from datetime import UTC, datetime
from datetime import date as D

import pytest

from assessment.carers.rules import decide_assessed, decide_recorded
from assessment.domain.duties import CarerAssessmentBasis as B
from assessment.domain.duties import CarerAssessmentStatus as S
from assessment.domain.errors import Conflict, RuleViolation

BORN = D(2015, 6, 1)
NOW = datetime(2026, 3, 2, 9, tzinfo=UTC)


@pytest.mark.parametrize("basis, identified_on", [
    (B.REQUEST, D(2026, 2, 23)),
    (B.APPEARANCE_OF_NEED, D(2015, 6, 1)),  # from birth
    (B.APPEARANCE_OF_NEED, D(2033, 5, 31)),  # the last day before the 18th birthday
])
def test_R9_3_recorded_on_request_or_on_the_appearance_of_need(basis, identified_on):
    """R9.3: either basis makes the assessment due."""
    recorded = decide_recorded("a1", "c1", "201", "Ngozi Okafor", basis, identified_on,
                               BORN, NOW)
    assert (recorded.basis, recorded.status, recorded.identified_on) == (
        basis, S.DUE, identified_on)


@pytest.mark.parametrize("identified_on", [D(2015, 5, 31), D(2033, 6, 1)])
def test_R9_3_only_for_carers_of_a_child(identified_on):
    """R9.3: before birth or from the 18th birthday it is refused, naming identified_on."""
    with pytest.raises(RuleViolation) as refused:
        decide_recorded("a1", "c1", "201", "N O", B.REQUEST, identified_on, BORN, NOW)
    assert (refused.value.rule, refused.value.field) == ("R9.3", "identified_on")


def test_R9_3_completed_once_and_not_before_it_was_identified():
    due = decide_recorded("a1", "c1", "201", "N O", B.REQUEST, D(2026, 2, 23), BORN, NOW)
    with pytest.raises(RuleViolation) as early:
        decide_assessed(due, D(2026, 2, 22))
    assert (early.value.rule, early.value.field) == ("R9.3", "assessed_on")
    done = decide_assessed(due, D(2026, 3, 2))
    assert (done.status, done.assessed_on) == (S.ASSESSED, D(2026, 3, 2))
    with pytest.raises(Conflict):
        decide_assessed(done, D(2026, 3, 2))
