"""The lifecycle of a proposal to cease as pure rules (no database): R4.1-R4.5, R6.1, R6.9."""

from __future__ import annotations

from datetime import date

import pytest

from assessment.ceasing import rules
from assessment.domain.errors import Conflict, RuleViolation
from assessment.domain.records import CeaseProposalRecord
from assessment.domain.status import CeaseStatus

BORN = date(2005, 3, 14)


def proposal(**changes: object) -> CeaseProposalRecord:
    values: dict = dict(id="x1", case_id="c1", plan_id="p1", ground="no_longer_necessary",
                        detail="outcomes met", consulted_on=date(2026, 2, 10),
                        status=CeaseStatus.CONSULTING)
    return CeaseProposalRecord(**(values | changes))


def decided(**changes: object) -> CeaseProposalRecord:
    return proposal(**({"status": CeaseStatus.DECIDED, "decided_on": date(2026, 2, 24),
                        "notified_on": date(2026, 2, 25), "ceases_on": date(2026, 3, 2)}
                       | changes))


def test_r4_5_a_decision_follows_consultation_and_is_made_once() -> None:
    made = rules.decide_to_cease(proposal(), date(2026, 2, 24), date(2026, 2, 25),
                                 date(2026, 3, 2), BORN)
    assert made.applied_to(proposal()).status is CeaseStatus.DECIDED
    with pytest.raises(RuleViolation, match="before the consultation"):
        rules.decide_to_cease(proposal(), date(2026, 2, 9), date(2026, 2, 9), date(2026, 3, 2),
                              BORN)
    with pytest.raises(Conflict):
        rules.decide_to_cease(decided(), date(2026, 2, 24), date(2026, 2, 25),
                              date(2026, 3, 2), BORN)


def test_r4_2_age_is_never_a_ground() -> None:
    with pytest.raises(RuleViolation) as refused:
        rules.decide_after_review("aged_19_or_over", date(2026, 2, 24), date(2026, 2, 24),
                                  None, BORN)
    assert refused.value.rule == "R4.2"


def test_r6_1_an_appeal_is_against_a_decision_and_upheld_keeps_the_plan() -> None:
    lodged = rules.decide_appeal_lodged(decided(), date(2026, 3, 1))
    appealed = lodged.applied_to(decided())
    assert appealed.status is CeaseStatus.APPEALED
    with pytest.raises(Conflict):
        rules.decide_appeal_lodged(proposal(), date(2026, 3, 1))
    assert rules.decide_appeal_outcome(appealed, "upheld").status is CeaseStatus.WITHDRAWN
    assert rules.decide_appeal_outcome(appealed, "dismissed").status is CeaseStatus.DECIDED
    with pytest.raises(Conflict):
        rules.decide_appeal_outcome(decided(), "upheld")


def test_r4_5_the_plan_stays_in_force_through_the_appeal_period() -> None:
    with pytest.raises(RuleViolation) as early:
        rules.decide_ceased(decided(), date(2026, 3, 2))
    assert early.value.rule == "R4.5"
    assert rules.decide_ceased(decided(), date(2026, 3, 2),
                               family_will_not_appeal=True).status is CeaseStatus.CEASED
    assert rules.appeal_period_ends_on(decided()) is not None
    with pytest.raises(RuleViolation, match="until the appeal is decided"):
        rules.decide_ceased(decided(status=CeaseStatus.APPEALED), date(2026, 6, 1))
