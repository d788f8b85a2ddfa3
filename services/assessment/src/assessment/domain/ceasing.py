"""Ceasing to maintain an EHC plan (R4.1-R4.5)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from assessment.domain.appeals import appeal_period_ends_on
from assessment.domain.errors import RuleViolation
from assessment.domain.model import CeaseGround, PostSixteenSetting
from common import calendar


def check_may_cease(ground: str, born_on: date, today: date, *,
                    in_education_or_training: bool = True, leaving_review_completed: bool = False,
                    because_of_age: bool = False) -> None:
    """R4.1-R4.3: raise RuleViolation unless the plan may be ceased on this ground today."""
    if ground not in set(CeaseGround):
        raise RuleViolation("R4.1", "cease only when no longer responsible or no longer "
                            "necessary", "ground")
    if because_of_age and today < calendar.anniversary(born_on, 25):
        raise RuleViolation("R4.2", "age (e.g. being 19 or over) is not a reason to cease "
                            "before 25; for 18+ consider whether the outcomes are achieved",
                            "ground")
    if not in_education_or_training:
        _check_left_education(born_on, today, leaving_review_completed)


def _check_left_education(born_on: date, today: date, review_completed: bool) -> None:
    """R4.3 (Regs reg 29, 30)."""
    if today < calendar.anniversary(born_on, 18):
        raise RuleViolation("R4.3", "under 18 and not in education or training: review and "
                            "amend the plan so they receive it, do not cease",
                            "in_education_or_training")
    if not review_completed:
        raise RuleViolation("R4.3", "18 or over and left: cease only after a review shows they "
                            "do not wish to return or it is not appropriate",
                            "leaving_review_completed")


def latest_plan_end_on(born_on: date,
                       setting: PostSixteenSetting = PostSixteenSetting.SCHOOL_OR_OTHER,
                       apprenticeship_ends_on: date | None = None) -> date:
    """R4.4 (CFA s.46, Regs reg 46): the latest day a plan may be kept: the end of the academic
    year in which the young person turns 25, never beyond the day before the 26th birthday.

    Reg 46 makes the academic year end on 31 July for further education, on the apprenticeship's
    end for apprentices, and otherwise with the school year (31 August); RULES.md gives only the
    general rule."""
    cap = calendar.add_days(calendar.anniversary(born_on, 26), -1)
    if setting is PostSixteenSetting.APPRENTICESHIP:
        return min(apprenticeship_ends_on or cap, cap)
    if setting is PostSixteenSetting.FURTHER_EDUCATION:
        turns_25 = calendar.anniversary(born_on, 25)
        return min(date(turns_25.year + (turns_25.month >= 8), 7, 31), cap)
    return min(calendar.end_of_academic_year_of_birthday(born_on, 25), cap)


def cease_takes_effect_from(notified_on: date,
                            certificate_issued_on: date | None = None) -> date:
    """R4.5 with R6.9: with no appeal lodged, a decision to cease takes effect only once the
    appeal period has passed: the day after its last day."""
    return calendar.add_days(appeal_period_ends_on(notified_on, certificate_issued_on), 1)


def check_cease_takes_effect(ceased_on: date, notified_on: date, *,
                             certificate_issued_on: date | None = None,
                             appeal_decided: bool = False,
                             family_will_not_appeal: bool = False) -> None:
    """R4.5: raise if the plan would stop before the appeal period ends, unless an appeal has
    been decided (or withdrawn) or the family confirmed they will not appeal; until then the
    plan stays in force."""
    if appeal_decided or family_will_not_appeal:
        return
    earliest = cease_takes_effect_from(notified_on, certificate_issued_on)
    if ceased_on < earliest:
        raise RuleViolation("R4.5", f"the plan stays in force until the appeal period ends "
                            f"({calendar.add_days(earliest, -1)}) unless the family confirm "
                            "they will not appeal", "done_on")


class EducationOrTraining(StrEnum):
    """What a young person is doing (R4.2-R4.4): the controlled list a caseworker records."""

    SCHOOL = "school"
    SIXTH_FORM = "sixth_form"  # a school's sixth form
    FE_COLLEGE = "fe_college"
    SIXTH_FORM_COLLEGE = "sixth_form_college"
    SPECIALIST_POST16_INSTITUTION = "specialist_post16_institution"
    APPRENTICESHIP = "apprenticeship"
    TRAINEESHIP = "traineeship"
    SUPPORTED_INTERNSHIP = "supported_internship"
    OTHER = "other"


# Regs reg 46(1)(a): FE colleges and sixth-form colleges are institutions within the further
# education sector (Further and Higher Education Act 1992 s.91(3)); their academic year ends
# on 31 July.
FURTHER_EDUCATION_SECTOR = frozenset({EducationOrTraining.FE_COLLEGE,
                                      EducationOrTraining.SIXTH_FORM_COLLEGE})


@dataclass(frozen=True, slots=True)
class EducationSpell:
    """One dated record of a young person's education or training; `ends_on` is the day it
    ended or is planned to end (an apprenticeship's end date is required)."""

    kind: EducationOrTraining
    started_on: date
    ends_on: date | None = None

    def in_force_on(self, day: date) -> bool:
        return self.started_on <= day and (self.ends_on is None or day <= self.ends_on)


def check_education_spell(spell: EducationSpell, born_on: date) -> None:
    """R4.4: an apprenticeship carries its end date (reg 46(1)(b) counts the plan's last
    academic year to it); no record ends before it starts or starts before birth."""
    if spell.started_on < born_on:
        raise RuleViolation("R4.4", "started_on is before the date of birth", "started_on")
    if spell.kind is EducationOrTraining.APPRENTICESHIP and spell.ends_on is None:
        raise RuleViolation("R4.4", "an apprenticeship needs its end date: the plan may run "
                            "to it after the 25th birthday (Regs reg 46(1)(b))", "ends_on")
    if spell.ends_on is not None and spell.ends_on < spell.started_on:
        raise RuleViolation("R4.4", f"ends_on is before started_on ({spell.started_on})",
                            "ends_on")


def post16_setting(kind: EducationOrTraining) -> PostSixteenSetting:
    """R4.4 (Regs reg 46(1)): which academic year applies to this education or training."""
    if kind is EducationOrTraining.APPRENTICESHIP:
        return PostSixteenSetting.APPRENTICESHIP
    if kind in FURTHER_EDUCATION_SECTOR:
        return PostSixteenSetting.FURTHER_EDUCATION
    return PostSixteenSetting.SCHOOL_OR_OTHER


def education_at_25(spells: Sequence[EducationSpell], born_on: date) -> EducationSpell | None:
    """R4.4: what the young person is doing when they turn 25: the record in force on the
    25th birthday (the latest begun, if two overlap); None if none is, and the general rule
    applies."""
    turns_25 = calendar.anniversary(born_on, 25)
    in_force = sorted((s for s in spells if s.in_force_on(turns_25)),
                      key=lambda s: s.started_on)
    return in_force[-1] if in_force else None


def latest_plan_end_for(born_on: date, spells: Sequence[EducationSpell]) -> date:
    """R4.4 (CFA s.46, Regs reg 46(1)): the latest day a plan may be maintained, following what
    the young person is doing when they turn 25: 31 July for the further education sector,
    the apprenticeship's end, otherwise 31 August; never past the day before the 26th
    birthday."""
    spell = education_at_25(spells, born_on)
    if spell is None:
        return latest_plan_end_on(born_on)
    return latest_plan_end_on(born_on, post16_setting(spell.kind), spell.ends_on)


def in_education_or_training_on(spells: Sequence[EducationSpell], day: date) -> bool | None:
    """R4.3: whether the records show the young person in education or training on `day`;
    None when nothing is recorded (the caseworker says)."""
    if not spells:
        return None
    return any(s.in_force_on(day) for s in spells)
