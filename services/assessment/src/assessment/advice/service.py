"""Use cases of advice for an assessment: seek it (R1.7, R1.8), receive it, and record the
exceptions that excuse missing a time limit (R0.5, R1.9, R1.10). Nothing here commits."""

from __future__ import annotations

from assessment import contracts
from assessment.advice import repository
from assessment.advice import rules as advice_rules
from assessment.advice.schemas import AdviceCreate, AdviceRequestCreate, ExceptionCreate
from assessment.cases import repository as cases
from assessment.cases.service import new_id, not_future, note, owner, publish
from assessment.domain.errors import NotFound, RuleViolation
from assessment.domain.model import AdviceType, DeadlineKind
from assessment.domain.records import AdviceRecord, CaseRecord, ExceptionRecord, stored
from assessment.domain.status import AdviceStatus
from assessment.requests import rules as request_rules
from assessment.requests.service import load_request
from common.db.uow import UnitOfWork
from common.deadlines import DeadlineBook
from common.principal import Principal


def _recipient(cmd: AdviceRequestCreate, case_row: CaseRecord) -> contracts.RecipientV1:
    if cmd.advice_type is AdviceType.HEALTH:
        # R1.7: medical advice comes from the professional the commissioning body names.
        org = cmd.recipient.org_code if cmd.recipient else case_row.icb_org_code
        name = cmd.recipient.name if cmd.recipient else case_row.icb_name
        if not org or not name:
            raise RuleViolation("R1.7", "health advice is sought through the commissioning "
                                "body: give the ICB's org_code and name", "recipient")
        return contracts.RecipientV1(kind="icb", org_code=org, name=name)
    if cmd.recipient is not None:
        return contracts.RecipientV1(**cmd.recipient.model_dump())
    if cmd.advice_type is AdviceType.EDUCATION and case_row.setting_name:
        return contracts.RecipientV1(kind="school", org_code=case_row.setting_urn,
                                     name=case_row.setting_name)
    raise RuleViolation("R1.7", "say whom the advice is asked of", "recipient")


async def request_advice(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                         request_id: str, cmd: AdviceRequestCreate) -> AdviceRecord:
    """R1.7, R1.8: advice of one type, due 6 weeks after it is asked for."""
    request, case_row = await load_request(uow, principal, request_id)
    decided_on = request_rules.check_assessing(
        request, "Advice is sought once the LA has decided to assess")
    not_future(cmd.requested_on, uow.clock.today(), "requested_on")
    due_on = advice_rules.check_advice_sought(cmd.advice_type, cmd.requested_on,
                                              decided_on, case_row.date_of_birth)
    recipient = _recipient(cmd, case_row)
    advice = AdviceRecord(
        id=new_id(), case_id=case_row.id, request_id=request_id, la_code=case_row.la_code,
        advice_type=cmd.advice_type.value, recipient_kind=recipient.kind,
        recipient_org_code=recipient.org_code, recipient_name=recipient.name,
        requested_on=cmd.requested_on, due_on=due_on, status=AdviceStatus.REQUESTED,
        created_at=uow.clock.now())
    await repository.add_advice(uow.connection, stored(advice))
    await deadlines.open(uow, la_code=case_row.la_code, case_id=case_row.id,
                         kind=DeadlineKind.ADVICE_DUE, due_on=due_on,
                         opened_on=uow.clock.today(), ref_id=advice.id, owner=owner(case_row))
    await publish(uow, case_row, contracts.ADVICE_REQUESTED, contracts.AdviceRequestedV1(
        case_id=case_row.id, advice_request_id=advice.id, advice_type=cmd.advice_type.value,
        recipient=recipient, due_on=due_on, requested_on=cmd.requested_on), cmd.requested_on)
    return advice


async def load_advice(uow: UnitOfWork, principal: Principal, advice_id: str) -> AdviceRecord:
    """Staff of the LA see its advice requests; a health body only those sent to it."""
    advice = await repository.get_advice(uow.connection, principal.la_code, advice_id)
    if advice is None:
        raise NotFound(f"Advice request {advice_id}")
    if principal.has_any(("la_caseworker", "la_manager")):
        return advice
    if not principal.org_code or advice.recipient_org_code != principal.org_code:
        raise NotFound(f"Advice request {advice_id}")
    return advice


async def submit_advice(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                        advice_id: str, cmd: AdviceCreate) -> AdviceRecord:
    """R1.8: advice arrives; the clock closes; on time or not is recorded."""
    advice = await load_advice(uow, principal, advice_id)
    received = advice_rules.decide_advice_received(advice, cmd.received_on, cmd.author,
                                                   cmd.summary)
    not_future(cmd.received_on, uow.clock.today(), "received_on")
    case_row = await cases.case_of(uow.connection, advice.case_id)
    await repository.update_advice(uow.connection, advice_id, received.values())
    await deadlines.close(uow, case_id=advice.case_id, kind=DeadlineKind.ADVICE_DUE,
                          closed_on=cmd.received_on, ref_id=advice_id)
    await publish(uow, case_row, contracts.ADVICE_RECEIVED, contracts.AdviceReceivedV1(
        case_id=advice.case_id, advice_request_id=advice_id, received_on=cmd.received_on,
        advice_type=advice.advice_type, within_statutory_time=cmd.received_on <= advice.due_on),
        cmd.received_on)
    return received.applied_to(advice)


async def record_exception(uow: UnitOfWork, principal: Principal, cmd: ExceptionCreate, *,
                           request_id: str | None = None,
                           advice_id: str | None = None) -> ExceptionRecord:
    """R0.5: an exception is recorded with kind, dates and evidence; it never moves a
    deadline (none is changed here), it only excuses missing it."""
    if advice_id is not None:
        request_id = (await load_advice(uow, principal, advice_id)).request_id
    assert request_id is not None
    _, case_row = await load_request(uow, principal, request_id)
    advice_rules.exception_from(cmd.kind, cmd.evidence, starts_on=cmd.starts_on,
                                ends_on=cmd.ends_on, advice_requested_on=cmd.advice_requested_on,
                                for_advice=advice_id is not None)
    for field in ("starts_on", "advice_requested_on"):
        value = getattr(cmd, field)
        if value is not None:
            not_future(value, uow.clock.today(), field)
    recorded = await repository.add_exception(uow.connection, {
        "id": new_id(), "case_id": case_row.id, "la_code": case_row.la_code,
        "request_id": request_id, "advice_request_id": advice_id, "kind": cmd.kind,
        "starts_on": cmd.starts_on, "ends_on": cmd.ends_on,
        "advice_requested_on": cmd.advice_requested_on, "evidence": cmd.evidence,
        "recorded_on": uow.clock.today(), "created_at": uow.clock.now()})
    await note(uow, case_row, "exception.recorded", uow.clock.today(),
               {"exception_id": recorded.id, "kind": cmd.kind, "request_id": request_id,
                "advice_request_id": advice_id})
    return recorded
