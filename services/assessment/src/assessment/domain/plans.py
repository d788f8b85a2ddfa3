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


def check_may_finalise(served_on: date, issued_on: date, *, rule: str = "R1.12",
                       field: str = "issued_on") -> None:
    """R0.3, R1.12 (and R3.5 for amendments, passing rule="R3.5"): raise while the 15-day
    comment period is still running on `issued_on`, naming the client's `field`."""
    window = draft_window(served_on)
    if issued_on < window.earliest_final_on:
        raise RuleViolation(rule, f"the family may comment on the draft served on "
                            f"{served_on} until {window.comments_close_on}, so the final "
                            f"plan can be issued on {window.earliest_final_on} at the "
                            f"earliest", field)


def school_consultation_reply_due_on(consulted_on: date) -> date:
    """R1.13: a school or college consulted about being named should reply within 15 days."""
    return calendar.add_days(consulted_on, SCHOOL_REPLY_DAYS)


SECTION_NAMES = {
    S.A: "the views, interests and aspirations of the child or young person and their family",
    S.B: "the special educational needs", S.E: "the outcomes sought",
    S.F: "the special educational provision",
    S.K: "the advice and information gathered in the assessment",
}
# How a client names what is wrong: the plan's text is `sections.<letter>`; the
# preparation-for-adulthood claim is `preparation_for_adulthood_in`, section K's list is
# `advice_listed`, and the final plan names its placement in `section_i`.
PREPARATION_FOR_ADULTHOOD_FIELD = "preparation_for_adulthood_in"
ADVICE_LISTED_FIELD = "advice_listed"
FINAL_SECTION_I_FIELD = "section_i"


def section_field(section: PlanSection) -> str:
    """The request field carrying a section's text (`sections.B`)."""
    return f"sections.{section.value}"


def plan_problems(plan: PlanContent, born_on: date, on: date, *, final: bool = True,
                  advice_received: frozenset[AdviceType] = frozenset()) -> list[RuleViolation]:
    """R2.1, R2.2, R1.12: every problem with a draft (final=False) or final plan for a person
    born `born_on`, judged on `on`, one each, in plain words and naming the field the client
    sent; empty when the plan is sound."""
    problems = [RuleViolation("R2.1", f"section {s} ({SECTION_NAMES[s]}) must be filled in; "
                              "it is missing or blank", section_field(s))
                for s in ALWAYS_REQUIRED if not plan.has(s)]
    problems += _section_i_problems(plan, final)
    problems += _age_problems(plan, born_on, on)
    if (plan.personal_budget_requested or plan.direct_payment) and not plan.has(S.J):
        problems.append(RuleViolation(
            "R2.1", "a personal budget was requested, so section J must give its details "
            "(and, for a direct payment, the needs and outcomes it meets)", section_field(S.J)))
    problems += [RuleViolation("R2.1", f"section K must list the advice received in the "
                               f"assessment: the {a.value.replace('_', ' ')} advice is not "
                               "listed", ADVICE_LISTED_FIELD)
                 for a in sorted(advice_received - plan.advice_listed)]
    return problems


def _section_i_problems(plan: PlanContent, final: bool) -> list[RuleViolation]:
    if final and not plan.has(S.I):
        return [RuleViolation("R2.1", "section I must name the school or other institution, "
                              "or its type", FINAL_SECTION_I_FIELD)]
    if not final and plan.has(S.I):
        return [RuleViolation("R1.12", "section I must be left blank in a draft plan: the "
                              "family may first ask for a particular school or college",
                              section_field(S.I))]
    return []


def _age_problems(plan: PlanContent, born_on: date, on: date) -> list[RuleViolation]:
    problems = []
    if plan.has(S.H1) and on >= calendar.anniversary(born_on, 18):
        problems.append(RuleViolation(
            "R2.1", f"section H1 (social care under s.2 CSDPA 1970) is only for under-18s; "
            f"the young person turned 18 on {calendar.anniversary(born_on, 18)}, so put it "
            "in H2", section_field(S.H1)))
    filled = {s for s in plan.preparation_for_adulthood_in if plan.has(s)}
    year = calendar.year_group(born_on, on)
    if year >= 9 and not filled & PREPARATION_FOR_ADULTHOOD_SECTIONS:
        problems.append(RuleViolation(
            "R2.2", f"the child is in year {year}: from year 9, provision to prepare for "
            "adulthood and independent living must be in F, G, H1 or H2; name a filled-in "
            "section that carries it", PREPARATION_FOR_ADULTHOOD_FIELD))
    return problems


def check_plan(plan: PlanContent, born_on: date, on: date, *, final: bool = True,
               advice_received: frozenset[AdviceType] = frozenset()) -> None:
    """R2.1, R2.2, R1.12: raise PlanInvalid carrying every problem, if there are any."""
    problems = plan_problems(plan, born_on, on, final=final, advice_received=advice_received)
    if problems:
        raise PlanInvalid(problems)
