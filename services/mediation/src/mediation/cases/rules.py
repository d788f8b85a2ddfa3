"""Pure rules of a mediation case up to the family's choice (R6.1-R6.4, R6.6): each
`decide_*` takes the stored case and a command and returns the changed case, or raises
RuleViolation / WrongState. No clock, no I/O: today's date comes in as an argument."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime

from mediation.domain import clocks
from mediation.domain.enums import (
    CONTENT_KINDS,
    CaseStatus,
    DeadlineKind,
    DecisionKind,
    FamilyChoice,
    MediationIssue,
    OpenedBy,
)
from mediation.domain.errors import RuleViolation, WrongState
from mediation.domain.model import MediationCase
from mediation.domain.records import CaseRecord

NOTICE_ITEMS = frozenset(
    {
        "right_to_mediation",  # reg 32(a)
        "certificate_required",  # reg 32(b)
        "adviser_contact",  # reg 32(c)
        "time_limits",  # reg 32(d)
        "tell_la_mediation_issues",  # reg 32(e)(i)-(ii)
        "tell_la_health_provision_sought",  # reg 32(e)(iii)
        "la_contact",  # reg 32(f)
    }
)
DISAGREEMENT_RESOLUTION = "disagreement_resolution"  # R6.12


def check_notice_information(included: Iterable[str]) -> None:
    """An appealable decision notice carries the reg 32 mediation information (R6.2) and tells
    the family of disagreement resolution (R6.12). Raises naming the first rule broken."""
    given = set(included)
    missing = sorted(NOTICE_ITEMS - given)
    if missing:
        raise RuleViolation("R6.2", f"notice lacks {', '.join(missing)}", "notice")
    if DISAGREEMENT_RESOLUTION not in given:
        raise RuleViolation("R6.12", "notice lacks disagreement resolution", "notice")


def check_request_in_window(notified_on: date, requested_on: date) -> None:
    """Mediation must be sought within the 2-month window (R6.3).

    Regs reg 33: a family who needs a certificate must contact the mediation adviser within
    2 months after the decision notice was sent and say whether they want mediation. The
    statutory mediation of CFA ss.53-55 serves a prospective appeal; after the window the
    appeal itself is out of time (R6.9) unless the Tribunal extends time (Tribunal Rules
    r.5(3)(a)) and the statutory 30-day and certificate clocks do not start. The LA may still
    offer mediation or disagreement resolution voluntarily (R6.12)."""
    last = clocks.contact_adviser_by(notified_on)
    if requested_on > last:
        raise RuleViolation(
            "R6.3",
            f"mediation requested on {requested_on} after the 2-month window ended on {last}: "
            "the statutory mediation and certificate clocks do not apply; the family may ask the "
            "Tribunal to extend time, and the LA may offer mediation voluntarily",
            "requested_on",
        )


_ORDER = (
    ("decided_on", "notified_on", "R6.2"),
    ("notified_on", "told_adviser_on", "R6.3"),
    ("notified_on", "requested_on", "R6.3"),
    ("requested_on", "commissioning_body_told_on", "R6.6"),
    ("requested_on", "not_arranged_reported_on", "R6.6"),
    ("requested_on", "arranged_on", "R6.6"),
    ("arranged_on", "concluded_on", "R6.7"),
)


def check_dates_in_order(case: MediationCase) -> None:
    """The dates of a case follow each other: decided <= notified <= told/requested <= arranged
    <= concluded. Raises on the first pair out of order, naming the later field."""
    for earlier, later, rule in _ORDER:
        first, second = getattr(case, earlier), getattr(case, later)
        if first is not None and second is not None and second < first:
            raise RuleViolation(rule, f"{later} {second} is before {earlier} {first}", later)


# --- opening and the steps before mediation -----------------------------------------------


@dataclass(frozen=True, slots=True)
class Decision:
    """An appealable decision as mediation needs it (from assessment's event or by hand)."""

    case_id: str
    decision_id: str
    decision_kind: str
    decided_on: date
    notified_on: date
    appellants: list[dict[str, str]]
    sections_in_dispute: list[str] | None = None


def decide_open(decision: Decision, *, mediation_case_id: str, la_code: str,
                opened_by: OpenedBy, opened_at: datetime) -> CaseRecord:
    """The mediation case of an appealable decision (R6.1); the family must contact the
    mediation adviser within 2 months of the notice (R6.3)."""
    if decision.notified_on < decision.decided_on:
        raise RuleViolation("R6.2", "the decision notice is dated before the decision",
                            "notified_on")
    case = CaseRecord(
        id=mediation_case_id, la_code=la_code, case_id=decision.case_id,
        decision_id=decision.decision_id, decision_kind=DecisionKind(decision.decision_kind),
        decided_on=decision.decided_on, notified_on=decision.notified_on,
        sections_in_dispute=decision.sections_in_dispute, appellants=decision.appellants,
        contact_adviser_by=clocks.contact_adviser_by(decision.notified_on),
        status=CaseStatus.AWAITING_FAMILY_CHOICE, opened_by=opened_by, opened_at=opened_at)
    return with_clock_state(case, case.model(), appealed=False)


def decide_information(case: CaseRecord, sent_on: date, channel: str,
                       items: Iterable[str] | None) -> CaseRecord:
    """The R6.2 information (and R6.12's offer of disagreement resolution) went out."""
    if items is not None:
        check_notice_information(items)
    if sent_on < case.decided_on:
        raise RuleViolation("R6.2", f"information sent on {sent_on} before the decision "
                            f"on {case.decided_on}", "sent_on")
    return replace(case, information_sent_on=sent_on, information_channel=channel)


@dataclass(frozen=True, slots=True)
class Choice:
    """What the family told the mediation adviser (R6.3, R6.4, R6.6)."""

    told_adviser_on: date
    choice: FamilyChoice
    issues: tuple[MediationIssue, ...] = ()
    section_i_only: bool = False
    health_provision_sought: str | None = None
    commissioning_body: tuple[str, str] | None = None  # (ODS code, name)


def _check_choice(case: CaseRecord, command: Choice) -> None:
    if case.choice is not None:
        raise WrongState("R6.3", "the family's choice is already recorded", "choice")
    if command.section_i_only and case.decision_kind not in CONTENT_KINDS:
        raise RuleViolation("R6.4", f"a {case.decision_kind} decision has no section I to "
                            "appeal alone", "section_i_only")
    if command.choice is FamilyChoice.MEDIATION:
        check_request_in_window(case.notified_on, command.told_adviser_on)
        if not command.issues:
            raise RuleViolation("R6.6", "say which issues mediation is about", "issues")
        if MediationIssue.HEALTH in command.issues and command.commissioning_body is None:
            raise RuleViolation("R6.6", "health issues need the commissioning body that "
                                "must be told within 3 working days", "commissioning_body")


def decide_choice(case: CaseRecord, command: Choice) -> CaseRecord:
    """Wanting mediation starts the LA's 30 days (R6.6) and, with health issues, the 3
    working days to tell the ICB; section I only needs no certificate (R6.4)."""
    _check_choice(case, command)
    wants = command.choice is FamilyChoice.MEDIATION
    body = command.commissioning_body if MediationIssue.HEALTH in command.issues else None
    return replace(
        case, told_adviser_on=command.told_adviser_on, choice=command.choice,
        issues=list(command.issues), section_i_only=command.section_i_only,
        health_provision_sought=command.health_provision_sought,
        requested_on=command.told_adviser_on if wants else None,
        commissioning_body_org_code=body[0] if body else None,
        commissioning_body_name=body[1] if body else None)


def decide_commissioning_body_told(case: CaseRecord, told_on: date,
                                   joined: bool) -> CaseRecord:
    """The LA told the ICB of the health issues (R6.6, 3 working days)."""
    if case.commissioning_body_org_code is None:
        raise WrongState("R6.6", "the mediation issues include no health provision", "told_on")
    return replace(case, commissioning_body_told_on=told_on, commissioning_body_joined=joined)


def decide_not_arranged(case: CaseRecord, reported_on: date) -> CaseRecord:
    """The adviser is told mediation was not arranged within 30 days (R6.6)."""
    if case.requested_on is None:
        raise WrongState("R6.6", "mediation has not been requested", "reported_on")
    if case.arranged_on is not None:
        raise WrongState("R6.6", f"mediation was arranged on {case.arranged_on}",
                         "reported_on")
    last_day = clocks.arrange_by(case.requested_on)
    if reported_on <= last_day:
        raise RuleViolation("R6.6", f"the LA has until {last_day} to arrange mediation",
                            "reported_on")
    return replace(case, not_arranged_reported_on=reported_on)


# --- what follows from the steps: status, appeal deadline, open clocks ------------------


def certificate_needed(model: MediationCase) -> bool:
    return clocks.certificate_needed(model.sections_in_dispute, model.decision_kind)


def status_of(model: MediationCase, appealed: bool) -> CaseStatus:
    """Where the case stands: the furthest step it has reached."""
    if appealed:
        return CaseStatus.APPEALED
    steps = [(model.certificates, CaseStatus.CERTIFICATE_ISSUED),
             (model.concluded_on, CaseStatus.MEDIATION_CONCLUDED),
             (model.arranged_on, CaseStatus.MEDIATION_ARRANGED),
             (model.requested_on, CaseStatus.MEDIATION_REQUESTED),
             (model.choice is FamilyChoice.DECLINED, CaseStatus.MEDIATION_DECLINED)]
    return next((status for done, status in steps if done), CaseStatus.AWAITING_FAMILY_CHOICE)


def with_clock_state(case: CaseRecord, model: MediationCase, appealed: bool) -> CaseRecord:
    """The case with the status and appeal deadline its steps give (R6.9)."""
    return replace(case, status=status_of(model, appealed),
                   appeal_by=clocks.appeal_deadline(model.notified_on,
                                                    model.latest_certificate_on))


def wanted_deadlines(model: MediationCase, appealed: bool) -> dict[DeadlineKind, date]:
    """The case-level deadlines that should be open now."""
    wanted = clocks.case_deadlines(model)
    if model.choice is FamilyChoice.DECLINED and not certificate_needed(model):
        wanted.pop(DeadlineKind.CERTIFICATE_DUE, None)  # R6.4: section I only
    if model.not_arranged_reported_on is not None or model.concluded_on is not None:
        wanted.pop(DeadlineKind.ARRANGE_MEDIATION_BY, None)
    if appealed:
        wanted.pop(DeadlineKind.APPEAL_BY, None)
    return wanted
