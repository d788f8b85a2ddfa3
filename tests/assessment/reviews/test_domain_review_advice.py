"""R3.3: the review's advice and information circulated at least 2 weeks before the meeting."""

from datetime import date as D

import pytest

from assessment.domain import rules


@pytest.mark.parametrize("meeting_on, last_day", [
    (D(2026, 2, 17), D(2026, 2, 3)),
    (D(2026, 3, 1), D(2026, 2, 15)),  # across a month end
    (D(2024, 3, 7), D(2024, 2, 22)),  # leap year: 29 Feb counts
    (D(2027, 1, 5), D(2026, 12, 22)),  # across the year end; calendar days, holidays count
])
def test_R3_3_advice_circulated_by_two_weeks_before_the_meeting(meeting_on, last_day):
    assert rules.review_advice_circulated_by(meeting_on) == last_day


@pytest.mark.parametrize("circulated_on, late", [
    (D(2026, 1, 20), False),
    (D(2026, 2, 3), False),  # the last day is in time
    (D(2026, 2, 4), True),
    (D(2026, 2, 17), True),  # on the day of the meeting: kept, shown as late
])
def test_R3_3_late_circulation_is_kept_and_shown_late(circulated_on, late):
    assert rules.review_advice_circulated_late(circulated_on, D(2026, 2, 17)) is late
