"""Use cases of a mediation case up to the family's choice: load → decide → save → emit.
Nothing here commits; the request's (or the consumed event's) transaction does."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from common.db.uow import UnitOfWork
from common.deadlines import DeadlineBook
from common.messaging.envelope import subject_for_case
from common.principal import Principal
from mediation import contracts
from mediation.domain import clocks
from mediation.domain.enums import DeadlineKind, FamilyChoice, MediationIssue, OpenedBy
from mediation.domain.errors import Conflict
from mediation.domain.records import CaseRecord, CertificateRecord, DeadlineRecord
from mediation.known_cases import service as known_cases

from . import repository, rules
from .access import Act, check_access, not_future
from .schemas import (
    ChoiceCreate,
    CommissioningBodyTold,
    InformationCreate,
    MediationCaseCreate,
    NotArrangedReport,
)


def emit(uow: UnitOfWork, case: CaseRecord, event_type: str, data: Any) -> None:
    uow.emit(event_type, data, subject=subject_for_case(case.case_id), la_code=case.la_code)


async def load_case(uow: UnitOfWork, principal: Principal, mediation_case_id: str,
                    act: Act = Act.READ) -> CaseRecord:
    case = await repository.get(uow.connection, principal.la_code, mediation_case_id)
    return check_access(principal, case, mediation_case_id, act)


async def save_case(uow: UnitOfWork, book: DeadlineBook, case: CaseRecord,
                    certificates: Sequence[CertificateRecord] | None = None) -> CaseRecord:
    """Check the changed case keeps its dates in order, store it with the status and appeal
    deadline its steps give, and bring its open deadline rows in line with its clocks
    (`certificates`: the case's certificates, when the caller has just read them)."""
    if certificates is None:
        certificates = await repository.certificates_of(uow.connection, case.id)
    model = case.model(repository.certificate_values(certificates))
    rules.check_dates_in_order(model)
    appealed = await repository.is_appealed(uow.connection, case.id)
    stored = await repository.save(uow.connection, rules.with_clock_state(case, model, appealed))
    await _reconcile(uow, book, stored, rules.wanted_deadlines(model, appealed))
    return stored


async def _reconcile(uow: UnitOfWork, book: DeadlineBook, case: CaseRecord,
                     wanted: dict[DeadlineKind, date]) -> None:
    """Close the deadline rows whose step is done (or whose date moved), open the missing
    ones, so the platform sweep alerts on exactly what is live (invariant 7)."""
    today = uow.clock.today()
    current = await repository.open_deadlines(uow.connection, book.tables.deadline, case.id)
    for kind, due_on in current.items():
        if wanted.get(DeadlineKind(kind)) != due_on:
            await book.close(uow, case_id=case.case_id, kind=kind, closed_on=today,
                             ref_id=case.id)
    for kind, due_on in wanted.items():
        if current.get(kind.value) != due_on:
            await book.open(uow, la_code=case.la_code, case_id=case.case_id, kind=kind,
                            due_on=due_on, opened_on=today, ref_id=case.id)


async def open_from_decision(uow: UnitOfWork, deadlines: DeadlineBook, la_code: str,
                             decision: rules.Decision, *, opened_by: OpenedBy) -> CaseRecord:
    """Open the mediation case for an appealable decision (R6.1), once per decision."""
    existing = await repository.by_decision(uow.connection, la_code, decision.decision_id)
    if existing is not None:
        return existing
    case = rules.decide_open(decision, mediation_case_id=str(uuid.uuid4()), la_code=la_code,
                             opened_by=opened_by, opened_at=uow.clock.now())
    await repository.add(uow.connection, case)
    await _reconcile(uow, deadlines, case, rules.wanted_deadlines(case.model(), False))
    emit(uow, case, contracts.CASE_OPENED, contracts.MediationCaseOpenedV1(
        mediation_case_id=case.id, case_id=case.case_id, decision_id=case.decision_id,
        decision_kind=case.decision_kind.value, decided_on=case.decided_on,
        contact_adviser_by=case.contact_adviser_by))
    return case


async def open_by_hand(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                       body: MediationCaseCreate) -> CaseRecord:
    """A decision recorded outside sendsys (R6.1), on a case known from assessment's
    events to be the caller's LA's."""
    not_future(body.notified_on, uow.clock.today(), "notified_on")
    await known_cases.require_in_la(uow, principal.la_code, body.case_id)
    decision_id = body.decision_id or f"manual-{uuid.uuid4().hex[:24]}"
    if await repository.by_decision(uow.connection, principal.la_code, decision_id) is not None:
        raise Conflict(f"Decision {decision_id} already has a mediation case")
    decision = rules.Decision(
        case_id=body.case_id, decision_id=decision_id, decision_kind=body.decision_kind,
        decided_on=body.decided_on, notified_on=body.notified_on,
        appellants=[a.model_dump() for a in body.appellants],
        sections_in_dispute=body.sections_in_dispute)
    return await open_from_decision(uow, deadlines, principal.la_code, decision,
                                    opened_by=OpenedBy.HAND)


async def record_information(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                             case: CaseRecord, body: InformationCreate) -> CaseRecord:
    """The R6.2 information went to the family; notifications delivers the event."""
    check_access(principal, case, case.id, Act.MANAGE)
    not_future(body.sent_on, uow.clock.today(), "sent_on")
    case = await save_case(uow, deadlines, rules.decide_information(
        case, body.sent_on, body.channel, body.items))
    emit(uow, case, contracts.INFORMATION_SENT, contracts.MediationInformationSentV1(
        mediation_case_id=case.id, case_id=case.case_id, sent_on=body.sent_on))
    return case


async def record_choice(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                        case: CaseRecord, body: ChoiceCreate) -> CaseRecord:
    """The family told the adviser whether they want mediation (R6.3), which issues, and
    whether the appeal is only about section I (R6.4)."""
    check_access(principal, case, case.id, Act.CHOOSE)
    not_future(body.told_adviser_on, uow.clock.today(), "told_adviser_on")
    icb = body.commissioning_body
    case = await save_case(uow, deadlines, rules.decide_choice(case, rules.Choice(
        told_adviser_on=body.told_adviser_on, choice=body.choice, issues=tuple(body.issues),
        section_i_only=body.section_i_only,
        health_provision_sought=body.health_provision_sought,
        commissioning_body=(icb.org_code, icb.name) if icb else None)))
    if case.choice is FamilyChoice.MEDIATION:
        emit(uow, case, contracts.REQUESTED, requested_event(case))
    return case


def requested_event(case: CaseRecord) -> contracts.MediationRequestedV1:
    issues = set(case.issues or ())
    health = MediationIssue.HEALTH in issues
    parties: list[Any] = (["ccg"] if issues == {MediationIssue.HEALTH}
                          else ["la", "ccg"] if health else ["la"])
    body = (contracts.CommissioningBodyV1(org_code=case.commissioning_body_org_code or "",
                                          name=case.commissioning_body_name or "")
            if health else None)
    assert case.requested_on is not None
    return contracts.MediationRequestedV1(
        mediation_case_id=case.id, case_id=case.case_id, requested_on=case.requested_on,
        must_take_place_by=clocks.arrange_by(case.requested_on), parties=parties,
        commissioning_body=body)


async def commissioning_body_told(uow: UnitOfWork, deadlines: DeadlineBook,
                                  principal: Principal, case: CaseRecord,
                                  body: CommissioningBodyTold) -> CaseRecord:
    """The LA told the ICB of the health issues (R6.6, 3 working days) and whether it joins."""
    check_access(principal, case, case.id, Act.MANAGE)
    not_future(body.told_on, uow.clock.today(), "told_on")
    return await save_case(uow, deadlines, rules.decide_commissioning_body_told(
        case, body.told_on, body.joined))


async def report_not_arranged(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                              case: CaseRecord, body: NotArrangedReport) -> CaseRecord:
    """Mediation was not arranged within 30 days: a certificate is due in 3 working days."""
    check_access(principal, case, case.id, Act.MEDIATE)
    not_future(body.reported_on, uow.clock.today(), "reported_on")
    return await save_case(uow, deadlines, rules.decide_not_arranged(case, body.reported_on))


async def deadlines_of(uow: UnitOfWork, book: DeadlineBook,
                       case: CaseRecord) -> list[DeadlineRecord]:
    """Every deadline row of the case and of its compliance steps, open and closed."""
    step_ids = await repository.step_ids_of(uow.connection, case.id)
    return await repository.deadlines_of(uow.connection, book.tables.deadline, case.case_id,
                                         [case.id, *step_ids])
