"""Plans moving as pure rules (no database): R3.6, R3.7, R5.1, R5.2, R5.4, R9.2."""

from __future__ import annotations

from datetime import date

import pytest

from assessment.domain.errors import RuleViolation
from assessment.domain.status import TransferKind
from assessment.transfers import rules


def test_r3_6_next_phase_transfer_not_yet_past_its_naming_day() -> None:
    upcoming = rules.next_phase_transfer(date(2015, 3, 14), date(2026, 3, 2),
                                         "primary_secondary")
    assert upcoming is not None and upcoming.named_by >= date(2026, 3, 2)


def test_r3_7_post16_moves_amend_five_months_before() -> None:
    assert rules.post16_amend_by(date(2008, 3, 14), date(2026, 9, 1)) == date(2026, 4, 1)
    with pytest.raises(RuleViolation) as young:
        rules.post16_amend_by(date(2015, 3, 14), date(2026, 9, 1))
    assert young.value.rule == "R3.7"


def test_r5_1_r5_2_r5_4_transfer_review_clocks() -> None:
    with pytest.raises(RuleViolation) as short:
        rules.transfer_review_due_on(TransferKind.STATEMENT, date(2016, 1, 5),
                                     date(2016, 1, 11))
    assert short.value.rule == "R5.1"
    assert rules.transfer_review_due_on(TransferKind.STATEMENT, date(2016, 1, 4),
                                        date(2016, 1, 18)) == date(2016, 5, 23)  # 18 weeks
    assert rules.transfer_review_due_on(TransferKind.LDA, date(2016, 1, 4),
                                        date(2016, 1, 18)) == date(2016, 6, 6)  # 20 weeks


def test_r9_2_detention_of_those_aged_18_and_under() -> None:
    assert rules.check_detention(date(2009, 3, 14), date(2026, 3, 2),
                                 date(2026, 3, 2)) == date(2026, 3, 9)
    with pytest.raises(RuleViolation, match="aged 18 and under"):
        rules.check_detention(date(2005, 3, 14), date(2026, 3, 2), date(2026, 3, 2))
    with pytest.raises(RuleViolation, match="before the detention"):
        rules.check_detention(date(2009, 3, 14), date(2026, 3, 2), date(2026, 3, 1))
