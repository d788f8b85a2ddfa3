"""Draft and final EHC plans: comment window, consultation and contents (R0.3, R1.12-R1.14,
R2.1, R2.2)."""

from __future__ import annotations

from datetime import date

from assessment.domain.errors import PlanInvalid, RuleViolation
from assessment.domain.model import AdviceType, DraftWindow, PlanContent, PlanSection
from common import calendar

S = PlanSection
ALWAYS_REQUIRED = (S.A, S.B, S.E, S.F, S.K)  # C, D, G, H1, H2 may say there is nothing to add
PREPARATION_FOR_ADULTHOOD_SECTIONS = frozenset({S.F, S.G, S.H1, S.H2})
COMMENT_DAYS = 15  # R0.3
SCHOOL_REPLY_DAYS = 15  # R1.13


def draft_window(served_on: date) -> DraftWindow:
    """R0.3, R1.12: at least 15 days beginning with the day of service, so comments close on
    served_on + 14 and the plan may be finalised from served_on + 15."""
    return DraftWindow(served_on=served_on,
                       comments_close_on=calendar.add_days(served_on, COMMENT_DAYS - 1),
                       earliest_final_on=calendar.add_days(served_on, COMMENT_DAYS))


def revised_draft_window(previous_served_on: date, revised_on: date) -> DraftWindow:
    """R1.12, R0.3: a draft revised before it is finalised is served again as a new version,
    and the 15 days to comment start afresh from the revised draft's service; it cannot be
    served before the draft it replaces."""
    if revised_on < previous_served_on:
        raise RuleViolation("R1.12", f"the revised draft cannot be served before the draft it "
                            f"replaces ({previous_served_on})", "sent_on")
    return draft_window(revised_on)


def check_may_finalise(served_on: date, today: date, *, rule: str = "R1.12") -> None:
    """R0.3, R1.12 (and R3.5 for amendments, passing rule="R3.5"): raise while the 15-day
    comment period is still running."""
    window = draft_window(served_on)
    if today < window.earliest_final_on:
        raise RuleViolation(rule, f"comments are open until {window.comments_close_on}; "
                            f"finalise on or after {window.earliest_final_on}", "today")


def school_consultation_reply_due_on(consulted_on: date) -> date:
    """R1.13: a school or college consulted about being named should reply within 15 days."""
    return calendar.add_days(consulted_on, SCHOOL_REPLY_DAYS)


def plan_problems(plan: PlanContent, born_on: date, on: date, *, final: bool = True,
                  advice_received: frozenset[AdviceType] = frozenset()) -> list[RuleViolation]:
    """R2.1, R2.2, R1.12: every section-level problem with a draft (final=False) or final plan
    for a person born `born_on`, judged on `on`; empty when the plan is sound."""
    problems = [RuleViolation("R2.1", "the section must not be empty", s)
                for s in ALWAYS_REQUIRED if not plan.has(s)]
    problems += _section_i_problems(plan, final)
    problems += _age_problems(plan, born_on, on)
    if (plan.personal_budget_requested or plan.direct_payment) and not plan.has(S.J):
        problems.append(RuleViolation("R2.1", "personal budget details are required", S.J))
    problems += [RuleViolation("R2.1", f"advice {a} is not listed", S.K)
                 for a in sorted(advice_received - plan.advice_listed)]
    return problems


def _section_i_problems(plan: PlanContent, final: bool) -> list[RuleViolation]:
    if final and not plan.has(S.I):
        return [RuleViolation("R2.1", "name the school or institution, or its type", S.I)]
    if not final and plan.has(S.I):
        return [RuleViolation("R1.12", "section I is left blank in the draft", S.I)]
    return []


def _age_problems(plan: PlanContent, born_on: date, on: date) -> list[RuleViolation]:
    problems = []
    if plan.has(S.H1) and on >= calendar.anniversary(born_on, 18):
        problems.append(RuleViolation("R2.1", "H1 (CSDPA 1970 s.2) is for under-18s", S.H1))
    filled = {s for s in plan.preparation_for_adulthood_in if plan.has(s)}
    if calendar.year_group(born_on, on) >= 9 and not filled & PREPARATION_FOR_ADULTHOOD_SECTIONS:
        problems.append(RuleViolation(
            "R2.2", "from year 9, F, G, H1 or H2 must prepare for adulthood", S.F))
    return problems


def check_plan(plan: PlanContent, born_on: date, on: date, *, final: bool = True,
               advice_received: frozenset[AdviceType] = frozenset()) -> None:
    """R2.1, R2.2, R1.12: raise PlanInvalid carrying every problem, if there are any."""
    problems = plan_problems(plan, born_on, on, final=final, advice_received=advice_received)
    if problems:
        raise PlanInvalid(problems)
