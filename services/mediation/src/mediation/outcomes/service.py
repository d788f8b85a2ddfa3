"""Use cases of the end of mediation: the outcome and agreed actions (R6.10) and
certificates (R6.5-R6.7): load → decide → save → emit. Nothing here commits."""

from __future__ import annotations

import uuid

from common.db.uow import UnitOfWork
from common.deadlines import DeadlineBook
from common.principal import Principal
from mediation import contracts
from mediation.appeals.service import add_steps
from mediation.cases import repository as cases
from mediation.cases.access import Act, check_access, not_future
from mediation.cases.service import emit, load_case, save_case
from mediation.domain.enums import StepSource
from mediation.domain.errors import NotFound
from mediation.domain.records import CaseRecord, CertificateRecord

from . import repository, rules
from .schemas import CertificateCreate, OutcomeCreate


async def record_outcome(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                         case: CaseRecord, body: OutcomeCreate) -> CaseRecord:
    """Mediation concluded: its outcome and the agreed actions with their deadlines."""
    check_access(principal, case, case.id, Act.MEDIATE)
    not_future(body.concluded_on, uow.clock.today(), "concluded_on")
    certificates = await cases.certificates_of(uow.connection, case.id)
    case, steps = rules.decide_outcome(
        case, tuple(certificates), concluded_on=body.concluded_on, outcome=body.outcome,
        agreement_summary=body.agreement_summary,
        actions=[rules.Action(a.description, a.responsible, a.appealable, a.due_on)
                 for a in body.actions],
        different_timescale_agreed=body.different_timescale_agreed)
    case = await save_case(uow, deadlines, case, certificates)
    await add_steps(uow, deadlines, case, source=StepSource.AGREEMENT, source_id=case.id,
                    steps=steps)
    emit(uow, case, contracts.CONCLUDED, contracts.MediationConcludedV1(
        mediation_case_id=case.id, case_id=case.case_id, concluded_on=body.concluded_on,
        outcome=body.outcome.value, agreement_summary=body.agreement_summary))
    return case


async def issue_certificate(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                            mediation_case_id: str, body: CertificateCreate
                            ) -> CertificateRecord:
    """One certificate per basis, numbered uniquely in the LA (R6.5-R6.7, R6.9)."""
    case = await load_case(uow, principal, mediation_case_id, Act.MEDIATE)
    issued_on = body.issued_on or uow.clock.today()
    not_future(issued_on, uow.clock.today(), "issued_on")
    existing = await cases.certificates_of(uow.connection, case.id)
    seq = await repository.next_certificate_seq(uow.connection, case.la_code, issued_on.year)
    recipients = [r.model_dump(exclude_none=True) for r in body.recipients] \
        if body.recipients else case.appellants
    issued_by = principal.subject + (f" ({principal.org_code})" if principal.org_code else "")
    issued = rules.decide_certificate(
        case, existing, certificate_id=str(uuid.uuid4()), basis=body.basis,
        issued_on=issued_on, seq=seq, recipients=recipients, issued_by=issued_by,
        created_at=uow.clock.now())
    await repository.add(uow.connection, issued)
    case = await save_case(uow, deadlines, case, [*existing, issued])
    emit(uow, case, contracts.CERTIFICATE_ISSUED, contracts.CertificateIssuedV1(
        mediation_case_id=case.id, case_id=case.case_id,
        certificate_no=issued.certificate_no, issued_on=issued_on,
        basis=body.basis.wire_value, appeal_by=issued.appeal_by,  # type: ignore[arg-type]
        recipients=[contracts.RecipientV1.model_validate(r) for r in recipients]))
    return issued


async def load_certificate(uow: UnitOfWork, principal: Principal, certificate_id: str
                           ) -> tuple[CertificateRecord, CaseRecord]:
    found = await repository.get(uow.connection, principal.la_code, certificate_id)
    if found is None:
        raise NotFound(f"Certificate {certificate_id}")
    return found, await load_case(uow, principal, found.mediation_case_id, Act.READ)
