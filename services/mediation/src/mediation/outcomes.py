"""The end of mediation: outcomes and agreed actions (R6.10) and certificates (R6.5-R6.7).
Nothing here commits."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from common.auth import Principal
from common.db.uow import UnitOfWork
from common.deadlines import DeadlineBook
from mediation import clocks, contracts, repository
from mediation.access import Act, load_case, not_future
from mediation.domain import rules
from mediation.domain.errors import RuleViolation
from mediation.domain.model import DeadlineKind, MediationCase, Outcome
from mediation.repository import Row
from mediation.schemas_steps import ActionCreate, CertificateCreate, OutcomeCreate
from mediation.service import apply_values, emit
from mediation.tables import certificate, compliance_step

STEP_TEXT = {
    DeadlineKind.AGREED_ACTION_DUE: "act on the mediation agreement",
    DeadlineKind.COMMISSIONING_BODY_NOTICE_DUE: "the commissioning body tells the LA what it "
                                                "agreed",
    DeadlineKind.ASSESSMENT_NOTICE_DUE: "tell the family the assessment will go ahead",
    DeadlineKind.NO_PLAN_NOTICE_DUE: "notice of a decision not to issue a plan",
    DeadlineKind.FINAL_PLAN_DUE: "issue the final EHC plan",
    DeadlineKind.DRAFT_PLAN_DUE: "issue the draft EHC plan",
    DeadlineKind.AMENDED_PLAN_DUE: "issue the amended EHC plan",
    DeadlineKind.PLAN_CONTINUES: "maintain the EHC plan",
}


async def add_steps(uow: UnitOfWork, deadlines: DeadlineBook, case: Row, *, source: str,
                    source_id: str, steps: list[tuple[DeadlineKind, date, str, str]]) -> None:
    """Store compliance steps, each with its own deadline row (ref = the step)."""
    for kind, due_on, description, responsible in steps:
        step_id = str(uuid.uuid4())
        await repository.insert_row(uow.session, compliance_step, {
            "id": step_id, "la_code": case["la_code"], "mediation_case_id": case["id"],
            "case_id": case["case_id"], "source": source, "source_id": source_id,
            "kind": kind.value, "description": description, "responsible": responsible,
            "due_on": due_on})
        await deadlines.open(uow, la_code=case["la_code"], case_id=case["case_id"], kind=kind,
                             due_on=due_on, opened_on=uow.clock.today(), ref_id=step_id)


def agreement_steps(model: MediationCase, joined: bool, body: OutcomeCreate,
                    ) -> list[tuple[DeadlineKind, date, str, str]]:
    """Agreed actions and their deadlines (R6.10): 2 weeks for non-appealable matters, the
    Tribunal-order periods for appealable ones (R6.11), 1 week for a commissioning body that
    mediated without the LA to tell it; a different timescale agreed in writing instead."""
    on = body.concluded_on
    plain = [a for a in body.actions if not a.appealable]
    appealable = [a for a in body.actions if a.appealable]
    due = rules.agreement_deadlines(on, appealable_kind=None, la_is_party=joined,
                                    different_timescale_agreed=body.different_timescale_agreed)
    steps = [(DeadlineKind.COMMISSIONING_BODY_NOTICE_DUE, d,
              STEP_TEXT[DeadlineKind.COMMISSIONING_BODY_NOTICE_DUE], "commissioning_body")
             for k, d in due.items() if k is DeadlineKind.COMMISSIONING_BODY_NOTICE_DUE]
    for action in plain:
        action_due = _action_due(action, due.get(DeadlineKind.AGREED_ACTION_DUE))
        steps.append((DeadlineKind.AGREED_ACTION_DUE, action_due, action.description,
                      action.responsible))
    if appealable:
        text = "; ".join(a.description for a in appealable)
        for kind, day in rules.tribunal_order_deadlines(model.decision_kind, on).items():
            steps.append((kind, day, f"{STEP_TEXT[kind]} ({text})", "la"))
    return steps


def _action_due(action: ActionCreate, default: date | None) -> date:
    due = action.due_on or default
    if due is None:
        raise RuleViolation("R6.10", "with a different timescale agreed, give each action's "
                            "due_on", "actions")
    return due


async def record_outcome(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                         mediation_case_id: str, body: OutcomeCreate) -> Row:
    case = await load_case(uow, principal, mediation_case_id, Act.MEDIATE)
    not_future(body.concluded_on, uow.clock.today(), "concluded_on")
    if case["arranged_on"] is None:
        raise RuleViolation("R6.7", "no mediation was arranged", "concluded_on")
    if case["concluded_on"] is not None:
        raise RuleViolation("R6.7", f"mediation concluded on {case['concluded_on']}",
                            "concluded_on")
    if body.outcome is Outcome.NO_AGREEMENT and body.actions:
        raise RuleViolation("R6.10", "no agreement, so no agreed actions", "actions")
    certificates = await repository.rows_of_case(uow.session, certificate, case["id"])
    model = clocks.to_model({**case, "concluded_on": body.concluded_on}, certificates)
    rules.check_dates_in_order(model)
    joined = model.la_is_party and (not model.includes_health
                                    or bool(case["commissioning_body_joined"]))
    steps = agreement_steps(model, joined, body) if body.outcome is not Outcome.NO_AGREEMENT \
        else []
    case = await apply_values(uow, deadlines, case, {
        "concluded_on": body.concluded_on, "outcome": body.outcome.value,
        "agreement_summary": body.agreement_summary})
    await add_steps(uow, deadlines, case, source="agreement", source_id=case["id"], steps=steps)
    emit(uow, case, contracts.CONCLUDED, contracts.MediationConcludedV1(
        mediation_case_id=case["id"], case_id=case["case_id"], concluded_on=body.concluded_on,
        outcome=body.outcome.value, agreement_summary=body.agreement_summary))
    return case


def _parties(case: Row) -> list[str]:
    names = [a["name"] for a in case["appellants"]]
    health = case["commissioning_body_name"] if case["commissioning_body_org_code"] else None
    return [*names, f"Local authority {case['la_code']}", *([health] if health else [])]


async def issue_certificate(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                            mediation_case_id: str, body: CertificateCreate) -> str:
    """One certificate per basis, after the family's choice and what grounds it (R6.5-R6.7),
    numbered uniquely in the LA; it moves the appeal deadline (R6.9)."""
    case = await load_case(uow, principal, mediation_case_id, Act.MEDIATE)
    issued_on = body.issued_on or uow.clock.today()
    not_future(issued_on, uow.clock.today(), "issued_on")
    existing = await repository.rows_of_case(uow.session, certificate, case["id"])
    model = clocks.to_model(case, existing)
    rules.check_certificate(model, body.basis, issued_on)
    told_on = rules.certificate_told_on(model, body.basis)
    assert told_on is not None
    latest = max([issued_on, *(c["issued_on"] for c in existing)])
    seq = await repository.next_certificate_seq(uow.session, case["la_code"], issued_on.year)
    recipients = [r.model_dump(exclude_none=True) for r in body.recipients] \
        if body.recipients else case["appellants"]
    values: dict[str, Any] = {
        "id": str(uuid.uuid4()), "la_code": case["la_code"], "mediation_case_id": case["id"],
        "case_id": case["case_id"],
        "certificate_no": f"{case['la_code']}-{issued_on.year}-{seq:06d}",
        "basis": body.basis.value, "told_on": told_on,
        "due_on": rules.certificate_due_on(told_on), "issued_on": issued_on,
        "appeal_by": rules.appeal_deadline(case["notified_on"], latest),
        "parties": _parties(case), "recipients": recipients,
        "issued_by": f"{principal.subject}" + (f" ({principal.org_code})"
                                               if principal.org_code else ""),
        "created_at": uow.clock.now()}
    await repository.insert_row(uow.session, certificate, values)
    case = await apply_values(uow, deadlines, case, {})
    emit(uow, case, contracts.CERTIFICATE_ISSUED, contracts.CertificateIssuedV1(
        mediation_case_id=case["id"], case_id=case["case_id"],
        certificate_no=values["certificate_no"], issued_on=issued_on,
        basis=body.basis.wire_value, appeal_by=values["appeal_by"],  # type: ignore[arg-type]
        recipients=[contracts.RecipientV1.model_validate(r) for r in recipients]))
    return str(values["id"])


def on_time(row: Row) -> bool:
    return bool(row["issued_on"] <= row["due_on"])


