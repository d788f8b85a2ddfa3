"""R4.5 with R6.9: with no appeal lodged, a decision to cease takes effect only once the appeal
period has passed, unless the family confirmed they will not appeal."""

from datetime import date as D

import pytest

from assessment.domain import rules
from assessment.domain.errors import RuleViolation


@pytest.mark.parametrize("notified_on, certificate_on, ends_on", [
    (D(2026, 2, 20), None, D(2026, 4, 20)),  # 2 months after the notice
    (D(2025, 12, 31), None, D(2026, 3, 2)),  # clamps to Sat 28 Feb (R0.4): Mon 2 Mar (R6.9a)
    (D(2026, 6, 10), None, D(2026, 9, 1)),  # ends 10 Aug: first working day of September (R6.9)
    (D(2026, 10, 27), None, D(2027, 1, 4)),  # ends 27 Dec: after New Year (R6.9; 1-3 Jan off)
    (D(2023, 12, 31), None, D(2024, 2, 29)),  # leap year
    (D(2026, 2, 20), D(2026, 3, 1), D(2026, 4, 20)),  # the notice's 2 months are later
    (D(2026, 2, 20), D(2026, 4, 1), D(2026, 5, 1)),  # the certificate's month is later
])
def test_R4_5_R6_9_appeal_period_is_the_later_end(notified_on, certificate_on, ends_on):
    assert rules.appeal_period_ends_on(notified_on, certificate_on) == ends_on
    assert rules.cease_takes_effect_from(notified_on, certificate_on) == D.fromordinal(
        ends_on.toordinal() + 1)


@pytest.mark.parametrize("ceased_on, kwargs", [
    (D(2026, 2, 21), {}),
    (D(2026, 4, 20), {}),  # the last day to appeal: still in force
    (D(2026, 4, 21), {"certificate_issued_on": D(2026, 4, 1)}),  # period runs to 1 May
])
def test_R4_5_refuses_to_cease_before_the_appeal_period_ends(ceased_on, kwargs):
    with pytest.raises(RuleViolation) as caught:
        rules.check_cease_takes_effect(ceased_on, D(2026, 2, 20), **kwargs)
    assert (caught.value.rule, caught.value.field) == ("R4.5", "done_on")


@pytest.mark.parametrize("ceased_on, kwargs", [
    (D(2026, 4, 21), {}),  # the day after the period
    (D(2026, 5, 2), {"certificate_issued_on": D(2026, 4, 1)}),
    (D(2026, 2, 21), {"family_will_not_appeal": True}),
    (D(2026, 3, 2), {"appeal_decided": True}),  # an appeal dismissed or withdrawn
])
def test_R4_5_cease_takes_effect(ceased_on, kwargs):
    assert rules.check_cease_takes_effect(ceased_on, D(2026, 2, 20), **kwargs) is None
