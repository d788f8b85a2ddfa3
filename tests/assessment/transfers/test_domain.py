"""Phase transfers and moves between local authorities (R3.6, R3.7, R3.9)."""

from datetime import date as D

import pytest

from assessment.domain.model import PhaseTransferKind
from assessment.domain.transfers import (
    INFANT_JUNIOR,
    THREE_TIER,
    moved_in_decision_due_on,
    moved_in_review_due_on,
    phase_transfer_named_by,
    phase_transfers,
    post16_transfer_amend_by,
    transfer_plan_out_by,
)

K = PhaseTransferKind


@pytest.mark.parametrize("born_on, expected", [
    (D(2014, 5, 1), [(K.EARLY_YEARS_TO_SCHOOL, D(2018, 9, 1), D(2018, 2, 14)),
                     (K.PRIMARY_TO_SECONDARY, D(2025, 9, 1), D(2025, 2, 14)),
                     (K.SECONDARY_TO_POST16, D(2030, 9, 1), D(2030, 3, 30))]),
    (D(2014, 9, 1), [(K.EARLY_YEARS_TO_SCHOOL, D(2019, 9, 1), D(2019, 2, 14)),
                     (K.PRIMARY_TO_SECONDARY, D(2026, 9, 1), D(2026, 2, 14)),
                     (K.SECONDARY_TO_POST16, D(2031, 9, 1), D(2031, 3, 30))]),
    (D(2012, 2, 29), [(K.EARLY_YEARS_TO_SCHOOL, D(2016, 9, 1), D(2016, 2, 14)),
                      (K.PRIMARY_TO_SECONDARY, D(2023, 9, 1), D(2023, 2, 14)),
                      (K.SECONDARY_TO_POST16, D(2028, 9, 1), D(2028, 3, 30))]),
])
def test_R3_6_phase_transfers_from_date_of_birth(born_on, expected):
    transfers = phase_transfers(born_on)
    assert [(t.kind, t.transfer_on, t.named_by) for t in transfers] == expected


def test_R3_6_infant_junior_and_three_tier_routes():
    born_on = D(2014, 5, 1)  # reception 2018
    assert [t.named_by for t in phase_transfers(born_on, INFANT_JUNIOR)] == [
        D(2018, 2, 14), D(2021, 2, 14), D(2025, 2, 14), D(2030, 3, 30)]
    assert [t.named_by for t in phase_transfers(born_on, THREE_TIER)] == [
        D(2018, 2, 14), D(2023, 2, 14), D(2027, 2, 14), D(2030, 3, 30)]


@pytest.mark.parametrize("kind, year, named_by", [
    (K.PRIMARY_TO_SECONDARY, 2026, D(2026, 2, 14)),  # "before 15 February"
    (K.SECONDARY_TO_POST16, 2026, D(2026, 3, 30)),  # "before 31 March"
    (K.SECONDARY_TO_POST16, 2015, D(2015, 5, 30)),  # reg 18(3): "before 31 May 2015"
    (K.EARLY_YEARS_TO_SCHOOL, 2028, D(2028, 2, 14)),
])
def test_R3_6_named_by_the_day_before_the_statutory_date(kind, year, named_by):
    assert phase_transfer_named_by(kind, year) == named_by


@pytest.mark.parametrize("transfer_on, amend_by", [
    (D(2026, 1, 5), D(2025, 8, 5)),
    (D(2026, 7, 31), D(2026, 2, 28)),
    (D(2028, 7, 31), D(2028, 2, 29)),
])
def test_R3_7_post16_transfer_amended_five_months_before(transfer_on, amend_by):
    assert post16_transfer_amend_by(transfer_on) == amend_by


@pytest.mark.parametrize("moves_on, learned_on, due_on", [
    (D(2026, 1, 30), D(2026, 1, 2), D(2026, 1, 30)),  # told in good time: day of the move
    (D(2026, 1, 30), D(2026, 1, 9), D(2026, 1, 30)),  # exactly 15 working days before
    (D(2026, 1, 30), D(2026, 1, 12), D(2026, 1, 30)),  # late: 12 Jan is working day 1 of 15
    (D(2025, 12, 31), D(2025, 12, 19), D(2026, 1, 13)),  # over Christmas and New Year
    (D(2025, 12, 31), D(2025, 12, 20), D(2026, 1, 14)),  # learned on a Saturday
    (D(2026, 4, 10), D(2026, 4, 2), D(2026, 4, 24)),  # over Good Friday and Easter Monday
    (D(2026, 3, 1), D(2026, 3, 10), D(2026, 3, 30)),  # learned after the move
])
def test_R3_9_old_la_transfers_the_plan(moves_on, learned_on, due_on):
    assert transfer_plan_out_by(moves_on, learned_on) == due_on


def test_R3_9_new_la_tells_the_family_within_six_weeks():
    assert moved_in_decision_due_on(D(2026, 1, 13)) == D(2026, 2, 24)


@pytest.mark.parametrize("last_reviewed_on, due_on", [
    (D(2025, 3, 1), D(2026, 4, 12)),  # 3 months beginning with the transfer is later
    (D(2025, 6, 1), D(2026, 5, 31)),  # 12 months beginning with the last review is later
])
def test_R3_9_new_la_reviews_by_the_later_of_twelve_and_three_months(last_reviewed_on, due_on):
    assert moved_in_review_due_on(D(2026, 1, 13), last_reviewed_on) == due_on
