"""The statutory clocks of mediation and appeals that several features share (RULES.md
section 6). Pure functions of dates.

Sources: CFA 2014 ss.51-56; SEND Regs 2014 (SI 2014/1530) regs 32-45, as amended by
SI 2015/359; Tribunal Procedure (First-tier Tribunal) (HESC) Rules 2008 (SI 2008/2699)
r.12 and r.20. Counting follows R0.x (`common.calendar`).
"""

from __future__ import annotations

from datetime import date

from common import calendar

from .enums import (
    ASSESSMENT_KINDS,
    CONTENT_KINDS,
    CertificateBasis,
    DeadlineKind,
    DecisionKind,
    FamilyChoice,
)
from .model import MediationCase

CONTACT_ADVISER_MONTHS = 2
CERTIFICATE_WORKING_DAYS = 3
ARRANGE_DAYS = 30
TELL_COMMISSIONING_BODY_WORKING_DAYS = 3
APPEAL_MONTHS_AFTER_NOTICE = 2
APPEAL_MONTHS_AFTER_CERTIFICATE = 1
SECTION_I = "I"

# --- R6.3 / R6.4: before an appeal -------------------------------------------------------


def contact_adviser_by(notified_on: date) -> date:
    """Last day to contact the mediation adviser: 2 calendar months after the decision notice
    was sent (R6.3, Regs reg 33; months per R0.4). Not a Tribunal Rules time limit, so the
    r.12 shifts of R6.9/R6.9a do not apply to it."""
    return calendar.add_months(notified_on, CONTACT_ADVISER_MONTHS)


def certificate_needed(sections_in_dispute: frozenset[str], decision_kind: DecisionKind) -> bool:
    """A certificate is needed before appealing, except when the appeal is only about section I
    (the school or type named, or none named) of a plan (R6.4, CFA s.55). Unknown sections
    (empty set) are treated as needing one."""
    sections = {s.strip().upper() for s in sections_in_dispute}
    only_section_i = sections == {SECTION_I}
    return not (decision_kind in CONTENT_KINDS and only_section_i)


# --- R6.5 - R6.7: certificates and arranging ---------------------------------------------


def certificate_due_on(told_on: date) -> date:
    """The adviser issues the certificate within 3 working days of being told: that mediation
    is declined (R6.5), that it could not be arranged in time (R6.6), or of its conclusion
    (R6.7; pass `concluded_on`)."""
    return calendar.add_working_days(told_on, CERTIFICATE_WORKING_DAYS)


def arrange_by(told_on: date) -> date:
    """Mediation within 30 calendar days of the LA being told the family wants it (R6.6, R0.1).
    For health-only mediation pass the day the commissioning body was told."""
    return calendar.add_days(told_on, ARRANGE_DAYS)


def tell_commissioning_body_by(told_on: date) -> date:
    """When the mediation issues include health care provision, the LA tells each commissioning
    body within 3 working days of being told (R6.6)."""
    return calendar.add_working_days(told_on, TELL_COMMISSIONING_BODY_WORKING_DAYS)


def certificate_told_on(case: MediationCase, basis: CertificateBasis) -> date | None:
    """The date the 3-working-day certificate clock starts for `basis` (R6.5, R6.6, R6.7)."""
    return {
        CertificateBasis.DECLINED: case.told_adviser_on,
        CertificateBasis.NOT_ARRANGED_IN_TIME: case.not_arranged_reported_on,
        CertificateBasis.CONCLUDED: case.concluded_on,
    }[basis]


# --- R6.9 / R6.9a: appeal deadline -------------------------------------------------------


def tribunal_day(day: date) -> date:
    """Where an appeal deadline ending on `day` is met (R6.9, R6.9a): common.calendar."""
    return calendar.tribunal_day(day)


def appeal_deadline(notified_on: date, certificate_issued_on: date | None = None) -> date:
    """Last day to register an appeal: the later of 2 months after the decision notice was sent
    and 1 month after the certificate was issued (R6.9, Tribunal Rules r.20(1)(c)), then moved
    by r.12 (`tribunal_day`). The move is monotone, so taking the later raw date first gives
    the same answer as comparing moved dates."""
    end = calendar.add_months(notified_on, APPEAL_MONTHS_AFTER_NOTICE)
    if certificate_issued_on is not None:
        end = max(end, calendar.add_months(certificate_issued_on, APPEAL_MONTHS_AFTER_CERTIFICATE))
    return tribunal_day(end)


# --- R6.10 / R6.11: after agreement or a Tribunal order ----------------------------------


def tribunal_order_deadlines(
    decision_kind: DecisionKind,
    from_on: date,
    *,
    section_i_only: bool = False,
    amend_too: bool = False,
) -> dict[DeadlineKind, date]:
    """What the LA must do, and by when, after a Tribunal order (count from the order, reg 44),
    an unopposed appeal (from the day it told the Tribunal, reg 45) or a mediation agreement on
    appealable matters (from the agreement, reg 42(2)) (R6.11).

    refuse_assessment/refuse_reassessment: tell the family within 2 weeks that the assessment
    goes ahead; no-plan notice within 10 weeks or final plan within 14 weeks.
    refuse_plan: draft plan within 5 weeks, final plan within 11 weeks (reg 44(2)(c)).
    contents/refuse_amend: amended plan within 5 weeks; 2 weeks when only section I changes.
    cease_plan: the plan continues at once; amended within 5 weeks if amendment is ordered.
    """
    weeks = calendar.add_weeks
    if decision_kind in ASSESSMENT_KINDS:
        return {
            DeadlineKind.ASSESSMENT_NOTICE_DUE: weeks(from_on, 2),
            DeadlineKind.NO_PLAN_NOTICE_DUE: weeks(from_on, 10),
            DeadlineKind.FINAL_PLAN_DUE: weeks(from_on, 14),
        }
    if decision_kind is DecisionKind.REFUSE_PLAN:
        return {
            DeadlineKind.DRAFT_PLAN_DUE: weeks(from_on, 5),
            DeadlineKind.FINAL_PLAN_DUE: weeks(from_on, 11),
        }
    if decision_kind is DecisionKind.CEASE_PLAN:
        due = {DeadlineKind.PLAN_CONTINUES: from_on}
        return due | ({DeadlineKind.AMENDED_PLAN_DUE: weeks(from_on, 5)} if amend_too else {})
    return {DeadlineKind.AMENDED_PLAN_DUE: weeks(from_on, 2 if section_i_only else 5)}


def agreement_deadlines(
    agreed_on: date,
    *,
    appealable_kind: DecisionKind | None,
    la_is_party: bool = True,
    different_timescale_agreed: bool = False,
) -> dict[DeadlineKind, date]:
    """Deadlines a written mediation agreement starts (R6.10, Regs reg 42).

    Appealable matters: the Tribunal-order periods from the agreement date (R6.11, reg 42(2)).
    Other matters: the LA or commissioning body acts within 2 weeks (reg 42(3)). Either way a
    commissioning body that mediated without the LA tells the LA within 1 week (reg 42(4)).
    A different timescale agreed in writing replaces the 42(2)/(3) periods (reg 42(5))."""
    due: dict[DeadlineKind, date] = {}
    if not la_is_party:
        due[DeadlineKind.COMMISSIONING_BODY_NOTICE_DUE] = calendar.add_weeks(agreed_on, 1)
    if different_timescale_agreed:
        return due
    if appealable_kind is None:
        return due | {DeadlineKind.AGREED_ACTION_DUE: calendar.add_weeks(agreed_on, 2)}
    return due | tribunal_order_deadlines(appealable_kind, agreed_on)


# --- the open clocks of a case -----------------------------------------------------------


CERTIFICATE_CHOICE = {
    CertificateBasis.DECLINED: FamilyChoice.DECLINED,
    CertificateBasis.NOT_ARRANGED_IN_TIME: FamilyChoice.MEDIATION,
    CertificateBasis.CONCLUDED: FamilyChoice.MEDIATION,
}


def pending_certificate_due(case: MediationCase) -> date | None:
    """When the first certificate is due, once something grounds it and none is issued yet
    (R6.5, R6.6, R6.7); None when no clock runs."""
    if case.certificates or case.choice is None:
        return None
    bases = [b for b, choice in CERTIFICATE_CHOICE.items() if choice is case.choice]
    starts = [t for b in bases if (t := certificate_told_on(case, b)) is not None]
    return certificate_due_on(min(starts)) if starts else None


def case_deadlines(case: MediationCase) -> dict[DeadlineKind, date]:
    """Every deadline currently running for `case`, for the deadline table (R6.3-R6.9)."""
    due = {DeadlineKind.APPEAL_BY: appeal_deadline(case.notified_on, case.latest_certificate_on)}
    if case.told_adviser_on is None and certificate_needed(
        case.sections_in_dispute, case.decision_kind
    ):
        due[DeadlineKind.CONTACT_ADVISER_BY] = contact_adviser_by(case.notified_on)
    certificate_due = pending_certificate_due(case)
    if certificate_due is not None:
        due[DeadlineKind.CERTIFICATE_DUE] = certificate_due
    if case.requested_on is not None and case.arranged_on is None:
        start = case.commissioning_body_told_on if case.health_only else case.requested_on
        if start is not None:
            due[DeadlineKind.ARRANGE_MEDIATION_BY] = arrange_by(start)
    if case.requested_on is not None and case.includes_health:
        if case.commissioning_body_told_on is None:
            due[DeadlineKind.TELL_COMMISSIONING_BODY_BY] = tell_commissioning_body_by(
                case.requested_on
            )
    return due
