"""Appeals to the First-tier Tribunal (SEND), unopposed appeals and orders with their
compliance deadlines (R6.9, R6.11), compliance steps done, and disagreement resolution
tracked apart from mediation (R6.12). Nothing here commits."""

from __future__ import annotations

import uuid

from common.auth import Principal
from common.db.uow import UnitOfWork
from common.deadlines import DeadlineBook
from common.problems import Problem, not_found
from mediation import clocks, contracts, repository
from mediation.access import Act, load_case, not_future
from mediation.domain import rules
from mediation.domain.errors import RuleViolation
from mediation.outcomes import STEP_TEXT, add_steps
from mediation.repository import Row
from mediation.schemas_steps import (
    AppealCreate,
    DisagreementClose,
    DisagreementCreate,
    OrderCreate,
    StepDone,
)
from mediation.service import apply_values, emit
from mediation.tables import (
    appeal,
    certificate,
    compliance_step,
    disagreement_resolution,
    tribunal_order,
)


async def register_appeal(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                          mediation_case_id: str, body: AppealCreate) -> str:
    """Record a registered appeal. A certificate comes first unless the appeal is only about
    section I (R6.4); an appeal after the deadline (R6.9) is recorded as out of time (the
    Tribunal may extend time)."""
    case = await load_case(uow, principal, mediation_case_id, Act.MANAGE)
    not_future(body.registered_on, uow.clock.today(), "registered_on")
    if await repository.rows_of_case(uow.session, appeal, case["id"]):
        raise Problem(409, "An appeal is already registered for this decision",
                      kind="appeal-exists")
    certificates = await repository.rows_of_case(uow.session, certificate, case["id"])
    model = clocks.to_model(case, certificates)
    if clocks.certificate_needed(model) and not certificates:
        raise RuleViolation("R6.4", "a mediation certificate is needed before appealing, "
                            "unless the appeal is only about section I", "registered_on")
    if body.registered_on < case["notified_on"]:
        raise RuleViolation("R6.9", "registered before the decision notice", "registered_on")
    appeal_by = rules.appeal_deadline(model.notified_on, model.latest_certificate_on)
    appeal_id = str(uuid.uuid4())
    await repository.insert_row(uow.session, appeal, {
        "id": appeal_id, "la_code": case["la_code"], "mediation_case_id": case["id"],
        "case_id": case["case_id"], "registered_on": body.registered_on,
        "tribunal_reference": body.tribunal_reference, "appeal_by": appeal_by,
        "in_time": body.registered_on <= appeal_by,
        "after_mediation": case["concluded_on"] is not None, "created_at": uow.clock.now()})
    case = await apply_values(uow, deadlines, case, {})
    emit(uow, case, contracts.APPEAL_REGISTERED, contracts.AppealRegisteredV1(
        mediation_case_id=case["id"], case_id=case["case_id"],
        registered_on=body.registered_on))
    return appeal_id


async def load_appeal(uow: UnitOfWork, principal: Principal, appeal_id: str,
                      act: Act = Act.READ) -> tuple[Row, Row]:
    row = await repository.get_row(uow.session, appeal, principal.la_code, appeal_id)
    if row is None:
        raise not_found(f"Appeal {appeal_id}")
    return row, await load_case(uow, principal, row["mediation_case_id"], act)


async def record_order(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                       appeal_id: str, body: OrderCreate) -> str:
    """An unopposed appeal or a Tribunal order: the LA's steps and their deadlines (R6.11)."""
    appeal_row, case = await load_appeal(uow, principal, appeal_id, Act.MANAGE)
    not_future(body.from_on, uow.clock.today(), "from_on")
    if body.from_on < appeal_row["registered_on"]:
        raise RuleViolation("R6.11", "the order is dated before the appeal", "from_on")
    model = clocks.to_model(case, [])
    due = rules.tribunal_order_deadlines(model.decision_kind, body.from_on,
                                         section_i_only=body.section_i_only,
                                         amend_too=body.amend_too)
    order_id = str(uuid.uuid4())
    await repository.insert_row(uow.session, tribunal_order, {
        "id": order_id, "la_code": case["la_code"], "appeal_id": appeal_id, "kind": body.kind,
        "from_on": body.from_on, "section_i_only": body.section_i_only,
        "amend_too": body.amend_too, "created_at": uow.clock.now()})
    await add_steps(uow, deadlines, case, source="tribunal_order", source_id=order_id,
                    steps=[(kind, day, STEP_TEXT[kind], "la") for kind, day in due.items()])
    return order_id


async def step_done(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                    step_id: str, body: StepDone) -> Row:
    step = await repository.get_row(uow.session, compliance_step, principal.la_code, step_id)
    if step is None:
        raise not_found(f"Compliance step {step_id}")
    await load_case(uow, principal, step["mediation_case_id"], Act.MANAGE)
    not_future(body.done_on, uow.clock.today(), "done_on")
    if step["done_on"] is not None:
        raise Problem(409, f"Done on {step['done_on']}", kind="step-done")
    done = {"done_on": body.done_on, "in_time": body.done_on <= step["due_on"]}
    await repository.update_row(uow.session, compliance_step, step_id, done)
    await deadlines.close(uow, case_id=step["case_id"], kind=step["kind"],
                          closed_on=body.done_on, ref_id=step_id)
    return {**step, **done}


async def request_disagreement_resolution(uow: UnitOfWork, principal: Principal,
                                          body: DisagreementCreate) -> str:
    """Independent disagreement resolution (R6.12): tracked apart from mediation."""
    not_future(body.requested_on, uow.clock.today(), "requested_on")
    if body.mediation_case_id is not None:
        case = await load_case(uow, principal, body.mediation_case_id, Act.MANAGE)
        if case["case_id"] != body.case_id:
            raise Problem(422, "The mediation case belongs to another case",
                          kind="case-mismatch",
                          errors=[{"field": "mediation_case_id", "message": "other case"}])
    row_id = str(uuid.uuid4())
    await repository.insert_row(uow.session, disagreement_resolution, {
        "id": row_id, "la_code": principal.la_code, "case_id": body.case_id,
        "mediation_case_id": body.mediation_case_id, "requested_on": body.requested_on,
        "requested_by": body.requested_by, "subject": body.subject, "parties": body.parties,
        "status": "open", "created_at": uow.clock.now()})
    return row_id


async def close_disagreement_resolution(uow: UnitOfWork, principal: Principal, row_id: str,
                                        body: DisagreementClose) -> None:
    row = await repository.get_row(uow.session, disagreement_resolution, principal.la_code,
                                   row_id)
    if row is None:
        raise not_found(f"Disagreement resolution {row_id}")
    if row["status"] != "open":
        raise Problem(409, f"Already {row['status']}", kind="closed")
    not_future(body.closed_on, uow.clock.today(), "closed_on")
    if body.closed_on < row["requested_on"]:
        raise RuleViolation("R6.12", "closed before it was requested", "closed_on")
    await repository.update_row(uow.session, disagreement_resolution, row_id, {
        "status": body.status, "closed_on": body.closed_on, "summary": body.summary})
