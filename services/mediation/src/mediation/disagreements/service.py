"""Use cases of disagreement resolution (R6.12), tracked apart from mediation. No commits."""

from __future__ import annotations

import uuid

from common.db.uow import UnitOfWork
from common.principal import Principal
from mediation.cases.access import Act, not_future
from mediation.cases.service import load_case
from mediation.domain.enums import DisagreementStatus
from mediation.domain.errors import InvalidField, NotFound
from mediation.domain.records import DisagreementRecord
from mediation.known_cases import service as known_cases

from . import repository, rules
from .schemas import DisagreementClose, DisagreementCreate


async def request_resolution(uow: UnitOfWork, principal: Principal,
                             body: DisagreementCreate) -> DisagreementRecord:
    """Independent disagreement resolution (R6.12): tracked apart from mediation."""
    not_future(body.requested_on, uow.clock.today(), "requested_on")
    await known_cases.require_in_la(uow, principal.la_code, body.case_id)
    if body.mediation_case_id is not None:
        case = await load_case(uow, principal, body.mediation_case_id, Act.MANAGE)
        if not rules.check_same_case(case, body.case_id):
            raise InvalidField("mediation_case_id", "The mediation case belongs to another case",
                               kind="case-mismatch")
    record = DisagreementRecord(
        id=str(uuid.uuid4()), la_code=principal.la_code, case_id=body.case_id,
        mediation_case_id=body.mediation_case_id, requested_on=body.requested_on,
        requested_by=body.requested_by, subject=body.subject, parties=body.parties,
        status=DisagreementStatus.OPEN, closed_on=None, summary=None,
        created_at=uow.clock.now())
    await repository.add(uow.connection, record)
    return record


async def load(uow: UnitOfWork, principal: Principal, row_id: str) -> DisagreementRecord:
    found = await repository.get(uow.connection, principal.la_code, row_id)
    if found is None:
        raise NotFound(f"Disagreement resolution {row_id}")
    return found


async def close_resolution(uow: UnitOfWork, principal: Principal, row_id: str,
                           body: DisagreementClose) -> DisagreementRecord:
    row = await load(uow, principal, row_id)
    if row.status is DisagreementStatus.OPEN:
        not_future(body.closed_on, uow.clock.today(), "closed_on")
    closed = rules.decide_close(row, DisagreementStatus(body.status), body.closed_on,
                                body.summary)
    await repository.save(uow.connection, closed)
    return closed
