"""What a young person is doing and how long their plan may run (R4.2-R4.4).

CFA 2014 s.46(1): the LA may keep a plan to the end of the academic year in which the young
person turns 25. SEND Regulations 2014 reg 46(1) sets that academic year: (a) in the further
education sector it ends on 31 July, (b) for an apprentice on the apprenticeship's end (and
never after the day before the 26th birthday); otherwise the school year, to 31 August."""

from datetime import date as D

import pytest

from assessment.domain.ceasing import (
    EducationOrTraining as K,
)
from assessment.domain.ceasing import (
    EducationSpell,
    check_education_spell,
    education_at_25,
    in_education_or_training_on,
    latest_plan_end_for,
    post16_setting,
)
from assessment.domain.errors import RuleViolation
from assessment.domain.model import PostSixteenSetting as S
from assessment.education.rules import plan_limit

MAY_BORN = D(2001, 5, 10)  # 25 on 10 May 2026, 26 on 10 May 2027


@pytest.mark.parametrize("kind, ends_on, latest_on", [
    (K.SCHOOL, None, D(2026, 8, 31)),
    (K.SIXTH_FORM, None, D(2026, 8, 31)),
    (K.FE_COLLEGE, None, D(2026, 7, 31)),  # reg 46(1)(a)
    (K.SIXTH_FORM_COLLEGE, None, D(2026, 7, 31)),  # reg 46(1)(a): FE sector (FHEA s.91(3))
    (K.SPECIALIST_POST16_INSTITUTION, None, D(2026, 8, 31)),
    (K.TRAINEESHIP, None, D(2026, 8, 31)),
    (K.SUPPORTED_INTERNSHIP, None, D(2026, 8, 31)),
    (K.OTHER, None, D(2026, 8, 31)),
    (K.APPRENTICESHIP, D(2027, 3, 31), D(2027, 3, 31)),  # reg 46(1)(b)
    (K.APPRENTICESHIP, D(2028, 1, 31), D(2027, 5, 9)),  # never past the day before 26
])
def test_R4_4_latest_day_a_plan_may_be_maintained_follows_what_they_do(kind, ends_on,
                                                                       latest_on):
    """R4.4 (CFA s.46, Regs reg 46(1)): the limit by the controlled list."""
    spells = [EducationSpell(kind, D(2024, 9, 1), ends_on)]
    assert latest_plan_end_for(MAY_BORN, spells) == latest_on


@pytest.mark.parametrize("born_on, kind, latest_on", [
    (D(2001, 9, 15), K.SCHOOL, D(2027, 8, 31)),  # 25 in the 2026/27 school year
    (D(2001, 9, 15), K.FE_COLLEGE, D(2027, 7, 31)),
    (D(2001, 8, 5), K.SCHOOL, D(2026, 8, 31)),  # 25 on 5 Aug: school year 2025/26
    (D(2001, 8, 5), K.FE_COLLEGE, D(2027, 7, 31)),  # but FE year Aug 2026 - Jul 2027
    (D(2001, 7, 31), K.FE_COLLEGE, D(2026, 7, 31)),  # 25 on the FE year's last day
    (D(2001, 8, 31), K.SCHOOL, D(2026, 8, 31)),
])
def test_R4_4_academic_year_edges(born_on, kind, latest_on):
    """R4.4: 31 July (FE) and 31 August (school year) around the 25th birthday."""
    spells = [EducationSpell(kind, D(2020, 9, 1))]
    assert latest_plan_end_for(born_on, spells) == latest_on


def test_R4_4_nothing_recorded_keeps_the_school_year():
    """R4.4: with no record in force at 25, the general rule (31 August)."""
    assert latest_plan_end_for(MAY_BORN, []) == D(2026, 8, 31)
    ended = [EducationSpell(K.FE_COLLEGE, D(2019, 9, 1), D(2022, 7, 15))]
    assert latest_plan_end_for(MAY_BORN, ended) == D(2026, 8, 31)


def test_R4_4_the_record_in_force_on_the_25th_birthday_decides():
    """R4.4: a later record (begun after the 25th birthday) does not move the limit."""
    spells = [EducationSpell(K.FE_COLLEGE, D(2023, 9, 1), D(2026, 7, 31)),
              EducationSpell(K.APPRENTICESHIP, D(2026, 9, 1), D(2027, 4, 30))]
    assert education_at_25(spells, MAY_BORN) == spells[0]
    limit = plan_limit(MAY_BORN, spells)
    assert limit.latest_on == D(2026, 7, 31)
    assert "reg 46(1)(a)" in limit.academic_year_rule


@pytest.mark.parametrize("kind, setting", [
    (K.FE_COLLEGE, S.FURTHER_EDUCATION), (K.SIXTH_FORM_COLLEGE, S.FURTHER_EDUCATION),
    (K.APPRENTICESHIP, S.APPRENTICESHIP), (K.SCHOOL, S.SCHOOL_OR_OTHER),
    (K.SIXTH_FORM, S.SCHOOL_OR_OTHER), (K.SPECIALIST_POST16_INSTITUTION, S.SCHOOL_OR_OTHER),
    (K.TRAINEESHIP, S.SCHOOL_OR_OTHER), (K.SUPPORTED_INTERNSHIP, S.SCHOOL_OR_OTHER),
    (K.OTHER, S.SCHOOL_OR_OTHER),
])
def test_R4_4_each_kind_has_its_academic_year(kind, setting):
    assert post16_setting(kind) is setting


@pytest.mark.parametrize("spell, field", [
    (EducationSpell(K.APPRENTICESHIP, D(2024, 9, 1)), "ends_on"),
    (EducationSpell(K.FE_COLLEGE, D(2024, 9, 1), D(2024, 8, 31)), "ends_on"),
    (EducationSpell(K.SCHOOL, D(2000, 9, 1)), "started_on"),  # before birth
])
def test_R4_4_refused_records_name_the_field(spell, field):
    with pytest.raises(RuleViolation) as refused:
        check_education_spell(spell, MAY_BORN)
    assert (refused.value.rule, refused.value.field) == ("R4.4", field)


@pytest.mark.parametrize("spells, on, shown", [
    ([], D(2024, 1, 1), None),
    ([EducationSpell(K.FE_COLLEGE, D(2023, 9, 1))], D(2024, 1, 1), True),
    ([EducationSpell(K.FE_COLLEGE, D(2023, 9, 1), D(2023, 12, 31))], D(2024, 1, 1), False),
    ([EducationSpell(K.FE_COLLEGE, D(2023, 9, 1), D(2023, 12, 31))], D(2023, 12, 31), True),
])
def test_R4_3_in_education_or_training_from_the_records(spells, on, shown):
    """R4.3 (Regs reg 29, 30): whether the records show them in education or training."""
    assert in_education_or_training_on(spells, on) is shown
