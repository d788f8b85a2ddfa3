"""Pure rules of the end of mediation: the outcome and agreed actions (R6.7, R6.10) and
certificates (R6.5-R6.7, R6.9). Each `decide_*` returns the change or raises."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from mediation.appeals.rules import STEP_TEXT, PlannedStep
from mediation.cases.rules import check_dates_in_order
from mediation.domain import clocks
from mediation.domain.enums import CertificateBasis, DeadlineKind, Outcome
from mediation.domain.errors import RuleViolation, WrongState
from mediation.domain.model import MediationCase
from mediation.domain.records import CaseRecord, CertificateRecord


def check_certificate(case: MediationCase, basis: CertificateBasis, issued_on: date) -> None:
    """A certificate follows the family's choice and the event that grounds it, and only one is
    issued per basis (R6.5 declined, R6.6 not arranged in time, R6.7 concluded)."""
    rule = _CERTIFICATE_RULE[basis]
    if case.certificate(basis) is not None:
        raise RuleViolation(rule, f"a {basis.value} certificate was already issued", "basis")
    if case.choice is not clocks.CERTIFICATE_CHOICE[basis]:
        raise RuleViolation(
            rule, f"a {basis.value} certificate needs the family's choice first", "choice"
        )
    told_on = clocks.certificate_told_on(case, basis)
    if told_on is None:
        raise RuleViolation(rule, f"nothing yet grounds a {basis.value} certificate", "basis")
    if issued_on < told_on:
        raise RuleViolation(rule, f"certificate dated {issued_on} is before {told_on}", "issued_on")


_CERTIFICATE_RULE = {
    CertificateBasis.DECLINED: "R6.5",
    CertificateBasis.NOT_ARRANGED_IN_TIME: "R6.6",
    CertificateBasis.CONCLUDED: "R6.7",
}


@dataclass(frozen=True, slots=True)
class Action:
    """One agreed action of a mediation agreement."""

    description: str
    responsible: str = "la"
    appealable: bool = False
    due_on: date | None = None


def _action_due(action: Action, default: date | None) -> date:
    due = action.due_on or default
    if due is None:
        raise RuleViolation("R6.10", "with a different timescale agreed, give each action's "
                            "due_on", "actions")
    return due


def agreement_steps(model: MediationCase, joined: bool, concluded_on: date,
                    actions: Sequence[Action], different_timescale_agreed: bool,
                    ) -> list[PlannedStep]:
    """Agreed actions and their deadlines (R6.10): 2 weeks for non-appealable matters, the
    Tribunal-order periods for appealable ones (R6.11), 1 week for a commissioning body that
    mediated without the LA to tell it; a different timescale agreed in writing instead."""
    due = clocks.agreement_deadlines(concluded_on, appealable_kind=None, la_is_party=joined,
                                     different_timescale_agreed=different_timescale_agreed)
    notice = DeadlineKind.COMMISSIONING_BODY_NOTICE_DUE
    steps = [PlannedStep(notice, d, STEP_TEXT[notice], "commissioning_body")
             for k, d in due.items() if k is notice]
    for action in (a for a in actions if not a.appealable):
        steps.append(PlannedStep(DeadlineKind.AGREED_ACTION_DUE,
                                 _action_due(action, due.get(DeadlineKind.AGREED_ACTION_DUE)),
                                 action.description, action.responsible))
    appealable = [a for a in actions if a.appealable]
    if appealable:
        text = "; ".join(a.description for a in appealable)
        for kind, day in clocks.tribunal_order_deadlines(model.decision_kind,
                                                         concluded_on).items():
            steps.append(PlannedStep(kind, day, f"{STEP_TEXT[kind]} ({text})", "la"))
    return steps


def decide_outcome(case: CaseRecord, certificates: tuple[CertificateRecord, ...], *,
                   concluded_on: date, outcome: Outcome, agreement_summary: str | None,
                   actions: Sequence[Action], different_timescale_agreed: bool,
                   ) -> tuple[CaseRecord, list[PlannedStep]]:
    """Mediation concluded (R6.7) with its agreed actions (R6.10): the changed case and the
    compliance steps the agreement sets."""
    if case.arranged_on is None:
        raise WrongState("R6.7", "no mediation was arranged", "concluded_on")
    if case.concluded_on is not None:
        raise WrongState("R6.7", f"mediation concluded on {case.concluded_on}", "concluded_on")
    if outcome is Outcome.NO_AGREEMENT and actions:
        raise RuleViolation("R6.10", "no agreement, so no agreed actions", "actions")
    concluded = replace(case, concluded_on=concluded_on, outcome=outcome,
                        agreement_summary=agreement_summary)
    model = concluded.model(tuple(c.value for c in certificates))
    check_dates_in_order(model)
    joined = model.la_is_party and (not model.includes_health
                                    or case.commissioning_body_joined)
    steps = [] if outcome is Outcome.NO_AGREEMENT else agreement_steps(
        model, joined, concluded_on, actions, different_timescale_agreed)
    return concluded, steps


def parties(case: CaseRecord) -> list[str]:
    """Who the certificate names: the appellants, the LA and any commissioning body."""
    names = [a["name"] for a in case.appellants]
    health = case.commissioning_body_name if case.commissioning_body_org_code else None
    return [*names, f"Local authority {case.la_code}", *([health] if health else [])]


def decide_certificate(case: CaseRecord, existing: Sequence[CertificateRecord], *,
                       certificate_id: str, basis: CertificateBasis, issued_on: date,
                       seq: int, recipients: list[dict[str, str]], issued_by: str,
                       created_at: datetime) -> CertificateRecord:
    """One certificate per basis, after the family's choice and what grounds it (R6.5-R6.7),
    numbered in the LA's year; it moves the appeal deadline (R6.9)."""
    model = case.model(tuple(c.value for c in existing))
    check_certificate(model, basis, issued_on)
    told_on = clocks.certificate_told_on(model, basis)
    assert told_on is not None
    latest = max([issued_on, *(c.issued_on for c in existing)])
    return CertificateRecord(
        id=certificate_id, la_code=case.la_code, mediation_case_id=case.id,
        case_id=case.case_id, certificate_no=f"{case.la_code}-{issued_on.year}-{seq:06d}",
        basis=basis, told_on=told_on, due_on=clocks.certificate_due_on(told_on),
        issued_on=issued_on, appeal_by=clocks.appeal_deadline(case.notified_on, latest),
        parties=parties(case), recipients=recipients, issued_by=issued_by,
        created_at=created_at)

