"""Ceasing to maintain a plan (R4.1-R4.4)."""

from datetime import date as D

import pytest

from assessment.domain.ceasing import check_may_cease, latest_plan_end_on
from assessment.domain.errors import RuleViolation
from assessment.domain.model import CeaseGround, PostSixteenSetting

G = CeaseGround
P = PostSixteenSetting
BORN = D(2000, 5, 10)


@pytest.mark.parametrize("ground, today, kwargs, rule, field", [
    ("moved_school", D(2020, 1, 1), {}, "R4.1", "ground"),
    (G.NO_LONGER_NECESSARY, D(2019, 5, 10), {"because_of_age": True}, "R4.2", "ground"),
    (G.NO_LONGER_RESPONSIBLE, D(2025, 5, 9), {"because_of_age": True}, "R4.2", "ground"),
    (G.NO_LONGER_NECESSARY, D(2018, 5, 9), {"in_education_or_training": False},
     "R4.3", "in_education_or_training"),  # 17: review and amend instead
    (G.NO_LONGER_NECESSARY, D(2018, 5, 10), {"in_education_or_training": False},
     "R4.3", "leaving_review_completed"),  # 18: a review must come first
])
def test_R4_1_to_R4_3_refused_cessations(ground, today, kwargs, rule, field):
    with pytest.raises(RuleViolation) as caught:
        check_may_cease(ground, BORN, today, **kwargs)
    assert (caught.value.rule, caught.value.field) == (rule, field)


@pytest.mark.parametrize("ground, today, kwargs", [
    (G.NO_LONGER_NECESSARY, D(2020, 1, 1), {}),
    (G.NO_LONGER_RESPONSIBLE, D(2025, 5, 10), {"because_of_age": True}),  # 25 (R4.4)
    (G.NO_LONGER_NECESSARY, D(2019, 1, 1),
     {"in_education_or_training": False, "leaving_review_completed": True}),
])
def test_R4_1_to_R4_4_permitted_cessations(ground, today, kwargs):
    assert check_may_cease(ground, BORN, today, **kwargs) is None


@pytest.mark.parametrize("born_on, setting, apprenticeship_ends_on, latest", [
    (D(2000, 5, 10), P.SCHOOL_OR_OTHER, None, D(2025, 8, 31)),
    (D(2000, 5, 10), P.FURTHER_EDUCATION, None, D(2025, 7, 31)),
    (D(2000, 8, 15), P.FURTHER_EDUCATION, None, D(2026, 7, 31)),  # turns 25 in August
    (D(2000, 8, 15), P.SCHOOL_OR_OTHER, None, D(2025, 8, 31)),
    (D(2000, 9, 1), P.SCHOOL_OR_OTHER, None, D(2026, 8, 31)),  # = the day before 26
    (D(2000, 2, 29), P.SCHOOL_OR_OTHER, None, D(2025, 8, 31)),
    (D(2000, 5, 10), P.APPRENTICESHIP, D(2026, 3, 1), D(2026, 3, 1)),
    (D(2000, 5, 10), P.APPRENTICESHIP, D(2026, 6, 30), D(2026, 5, 9)),  # the day before 26
    (D(2000, 5, 10), P.APPRENTICESHIP, None, D(2026, 5, 9)),
])
def test_R4_4_latest_end_of_a_plan_after_25(born_on, setting, apprenticeship_ends_on, latest):
    assert latest_plan_end_on(born_on, setting, apprenticeship_ends_on) == latest
