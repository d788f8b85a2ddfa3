"""Use cases of the registry of independent mediators and advisers (R6.8). No commits."""

from __future__ import annotations

import uuid

from common.db.uow import UnitOfWork
from common.principal import Principal
from mediation.domain.enums import PractitionerRole
from mediation.domain.errors import InvalidField
from mediation.domain.records import PractitionerRecord

from . import repository, rules
from .schemas import PractitionerCreate


async def register_practitioner(uow: UnitOfWork, principal: Principal,
                                body: PractitionerCreate) -> PractitionerRecord:
    """Refuse anyone employed by an English LA, an ICB (formerly CCG) or NHS England (R6.8)."""
    rules.check_independent(body.organisation.kind)
    record = PractitionerRecord(
        id=str(uuid.uuid4()), la_code=principal.la_code, role=PractitionerRole(body.role),
        name=body.name, organisation_code=body.organisation.code,
        organisation_name=body.organisation.name, organisation_kind=body.organisation.kind,
        email=body.email, phone=body.phone, created_at=uow.clock.now())
    await repository.add(uow.connection, record)
    return record


async def practitioner(uow: UnitOfWork, la_code: str, practitioner_id: str,
                       role: PractitionerRole) -> PractitionerRecord:
    """A registered, independent practitioner in `role` (422 naming the field otherwise)."""
    found = rules.decide_practitioner(
        await repository.get(uow.connection, la_code, practitioner_id), role)
    if found is None:
        raise InvalidField(f"{role}_id", f"No registered {role} {practitioner_id}",
                           kind=f"unknown-{role}")
    return found
