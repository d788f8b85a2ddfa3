"""Use cases of appeals, Tribunal orders and compliance steps (R6.4, R6.9-R6.11): load →
decide → save → emit. Nothing here commits."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from common.db.uow import UnitOfWork
from common.deadlines import DeadlineBook
from common.messaging.envelope import CloudEvent
from common.principal import Principal
from mediation import contracts
from mediation.cases import repository as cases
from mediation.cases.access import Act, not_future
from mediation.cases.service import emit, load_case, save_case
from mediation.domain.enums import OrderKind, StepSource
from mediation.domain.errors import NotFound
from mediation.domain.records import AppealRecord, CaseRecord, OrderRecord, StepRecord

from . import repository, rules
from .schemas import AppealCreate, OrderCreate, StepDone


async def add_steps(uow: UnitOfWork, deadlines: DeadlineBook, case: CaseRecord, *,
                    source: StepSource, source_id: str,
                    steps: Sequence[rules.PlannedStep]) -> list[StepRecord]:
    """Store compliance steps, each with its own deadline row (ref = the step)."""
    stored = []
    for planned in steps:
        step = StepRecord(
            id=str(uuid.uuid4()), la_code=case.la_code, mediation_case_id=case.id,
            case_id=case.case_id, source=source, source_id=source_id, kind=planned.kind.value,
            description=planned.description, responsible=planned.responsible,
            due_on=planned.due_on)
        await repository.add(uow.connection, step)
        await deadlines.open(uow, la_code=case.la_code, case_id=case.case_id,
                             kind=planned.kind, due_on=planned.due_on,
                             opened_on=uow.clock.today(), ref_id=step.id)
        stored.append(step)
    return stored


async def register_appeal(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                          mediation_case_id: str, body: AppealCreate) -> AppealRecord:
    """Record an appeal registered with the Tribunal (R6.4, R6.9)."""
    case = await load_case(uow, principal, mediation_case_id, Act.MANAGE)
    not_future(body.registered_on, uow.clock.today(), "registered_on")
    certificates = await cases.certificates_of(uow.connection, case.id)
    appeal = rules.decide_appeal(
        case, case.model(cases.certificate_values(certificates)),
        has_certificate=bool(certificates),
        already_appealed=await cases.is_appealed(uow.connection, case.id),
        appeal_id=str(uuid.uuid4()), registered_on=body.registered_on,
        tribunal_reference=body.tribunal_reference, created_at=uow.clock.now())
    await repository.add(uow.connection, appeal)
    case = await save_case(uow, deadlines, case, certificates)
    emit(uow, case, contracts.APPEAL_REGISTERED, contracts.AppealRegisteredV1(
        mediation_case_id=case.id, case_id=case.case_id, registered_on=body.registered_on))
    return appeal


async def load_appeal(uow: UnitOfWork, principal: Principal, appeal_id: str,
                      act: Act = Act.READ) -> tuple[AppealRecord, CaseRecord]:
    appeal = await repository.get_appeal(uow.connection, principal.la_code, appeal_id)
    if appeal is None:
        raise NotFound(f"Appeal {appeal_id}")
    return appeal, await load_case(uow, principal, appeal.mediation_case_id, act)


async def record_order(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                       appeal_id: str, body: OrderCreate,
                       ) -> tuple[OrderRecord, list[StepRecord]]:
    """An unopposed appeal or a Tribunal order: the LA's steps and their deadlines (R6.11)."""
    appeal, case = await load_appeal(uow, principal, appeal_id, Act.MANAGE)
    not_future(body.from_on, uow.clock.today(), "from_on")
    order, planned = rules.decide_order(
        appeal, case.decision_kind, order_id=str(uuid.uuid4()), kind=OrderKind(body.kind),
        from_on=body.from_on, section_i_only=body.section_i_only, amend_too=body.amend_too,
        created_at=uow.clock.now())
    await repository.add(uow.connection, order)
    steps = await add_steps(uow, deadlines, case, source=StepSource.TRIBUNAL_ORDER,
                            source_id=order.id, steps=planned)
    return order, sorted(steps, key=lambda s: s.due_on)


async def step_done(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                    step_id: str, body: StepDone) -> StepRecord:
    step = await repository.get_step(uow.connection, principal.la_code, step_id)
    if step is None:
        raise NotFound(f"Compliance step {step_id}")
    await load_case(uow, principal, step.mediation_case_id, Act.MANAGE)
    not_future(body.done_on, uow.clock.today(), "done_on")
    step = rules.decide_step_done(step, body.done_on)
    await repository.save_step(uow.connection, step)
    await deadlines.close(uow, case_id=step.case_id, kind=step.kind, closed_on=body.done_on,
                          ref_id=step.id)
    return step


async def report_done(uow: UnitOfWork, deadlines: DeadlineBook, event: CloudEvent,
                      case_id: str, done_on: date, steps: rules.StepsDone) -> list[str]:
    """Close the open order steps of `case_id` that assessment's event reports done on
    `done_on` (R6.11); returns their ids. A redelivered event finds them done."""
    if not steps:
        return []
    closed: list[str] = []
    found = await repository.open_order_steps(uow.connection, event.lacode, case_id,
                                              [k.value for k in steps], done_on)
    for step, decision_kind in found:
        if not rules.reported_by_event(step, decision_kind, steps) or step.id in closed:
            continue
        await _close(uow, deadlines, rules.decide_done_by_event(
            step, done_on, event.id, event.type))
        closed.append(step.id)
        other = rules.alternative_of(step, decision_kind)
        if other is not None:
            for alt in await repository.open_steps_of_order(uow.connection, step.source_id,
                                                            other.value):
                await _close(uow, deadlines, rules.decide_done_by_event(
                    alt, done_on, event.id, event.type, alternative=True))
                closed.append(alt.id)
    return closed


async def _close(uow: UnitOfWork, deadlines: DeadlineBook, step: StepRecord) -> None:
    await repository.save_step(uow.connection, step)
    assert step.done_on is not None
    await deadlines.close(uow, case_id=step.case_id, kind=step.kind, closed_on=step.done_on,
                          ref_id=step.id)
