"""Pure rules of recording what a young person is doing (R4.2-R4.4): the record is dated,
from the controlled list, an apprenticeship carries its end; and what the records mean for
how long a plan may be maintained (CFA s.46, Regs reg 46(1))."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from assessment.domain import ceasing
from assessment.domain.ceasing import EducationOrTraining, EducationSpell

SCHOOL_YEAR = "Regs reg 46: otherwise the school year, to 31 August"


@dataclass(frozen=True, slots=True)
class PlanLimit:
    """R4.4: the latest day a plan may be maintained and the record it follows."""

    latest_on: date
    follows: EducationSpell | None
    academic_year_rule: str


def decide_record(kind: EducationOrTraining, started_on: date, ends_on: date | None,
                  born_on: date) -> EducationSpell:
    """R4.4: a record the rules accept (raises RuleViolation naming the field otherwise)."""
    spell = EducationSpell(kind=kind, started_on=started_on, ends_on=ends_on)
    ceasing.check_education_spell(spell, born_on)
    return spell


def plan_limit(born_on: date, spells: Sequence[EducationSpell]) -> PlanLimit:
    """R4.4: how long the plan may run after the 25th birthday, and why."""
    follows = ceasing.education_at_25(spells, born_on)
    setting = ceasing.post16_setting(follows.kind) if follows else None
    rule = {None: SCHOOL_YEAR, ceasing.PostSixteenSetting.SCHOOL_OR_OTHER: SCHOOL_YEAR,
            ceasing.PostSixteenSetting.FURTHER_EDUCATION: "Regs reg 46(1)(a): further "
                                                          "education sector, to 31 July",
            ceasing.PostSixteenSetting.APPRENTICESHIP: "Regs reg 46(1)(b): to the end of the "
                                                       "apprenticeship"}[setting]
    return PlanLimit(latest_on=ceasing.latest_plan_end_for(born_on, spells), follows=follows,
                     academic_year_rule=rule)
