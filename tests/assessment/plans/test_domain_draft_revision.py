"""R1.12, R0.3: a revised draft restarts the 15-day comment window."""

from datetime import date as D

import pytest

from assessment.domain import rules
from assessment.domain.errors import RuleViolation


@pytest.mark.parametrize("first_on, revised_on, close_on, final_from", [
    (D(2026, 1, 5), D(2026, 1, 5), D(2026, 1, 19), D(2026, 1, 20)),  # same day: same window
    (D(2026, 1, 5), D(2026, 1, 14), D(2026, 1, 28), D(2026, 1, 29)),
    (D(2024, 2, 1), D(2024, 2, 20), D(2024, 3, 5), D(2024, 3, 6)),  # through 29 Feb
])
def test_R1_12_R0_3_revised_draft_restarts_the_window(first_on, revised_on, close_on,
                                                      final_from):
    window = rules.revised_draft_window(first_on, revised_on)
    assert (window.served_on, window.comments_close_on, window.earliest_final_on) == (
        revised_on, close_on, final_from)
    with pytest.raises(RuleViolation):  # the first draft's window no longer governs
        rules.check_may_finalise(window.served_on, D.fromordinal(final_from.toordinal() - 1))


def test_R1_12_revised_draft_cannot_predate_the_draft_it_replaces():
    with pytest.raises(RuleViolation) as caught:
        rules.revised_draft_window(D(2026, 1, 14), D(2026, 1, 13))
    assert (caught.value.rule, caught.value.field) == ("R1.12", "sent_on")
