"""Ceasing to maintain an EHC plan (R4.1-R4.5)."""

from __future__ import annotations

from datetime import date

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
