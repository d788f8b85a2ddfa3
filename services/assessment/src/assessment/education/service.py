"""Use cases of what a young person is doing (R4.2-R4.4): record it on the case (with its
timeline entry), and read the records with the latest day a plan may be maintained.
Load, decide, save; nothing here commits."""

from __future__ import annotations

from assessment.cases.service import load_case, new_id, not_future, note
from assessment.domain.ceasing import EducationSpell
from assessment.education import repository, rules
from assessment.education.repository import EducationRecord
from assessment.education.rules import PlanLimit
from assessment.education.schemas import EducationCreate
from common.db.uow import UnitOfWork
from common.principal import Principal


async def record_education(uow: UnitOfWork, principal: Principal, case_id: str,
                           cmd: EducationCreate) -> EducationRecord:
    """R4.2-R4.4: a dated record from the controlled list; it starts no later than today."""
    case_row = await load_case(uow, principal, case_id, for_update=True)
    rules.decide_record(cmd.kind, cmd.started_on, cmd.ends_on, case_row.date_of_birth)
    not_future(cmd.started_on, uow.clock.today(), "started_on")
    record = EducationRecord(id=new_id(), case_id=case_id, la_code=case_row.la_code,
                             kind=cmd.kind, started_on=cmd.started_on,
                             created_at=uow.clock.now(), provider_name=cmd.provider_name,
                             ends_on=cmd.ends_on)
    await repository.add_record(uow.connection, {
        "id": record.id, "case_id": case_id, "la_code": record.la_code,
        "kind": cmd.kind.value, "provider_name": cmd.provider_name,
        "started_on": cmd.started_on, "ends_on": cmd.ends_on, "created_at": record.created_at})
    await note(uow, case_row, "education.recorded", cmd.started_on, {
        "education_record_id": record.id, "kind": cmd.kind.value,
        "ends_on": cmd.ends_on.isoformat() if cmd.ends_on else None})
    return record


async def education_of(uow: UnitOfWork, principal: Principal,
                       case_id: str) -> tuple[list[EducationRecord], PlanLimit]:
    """The case's records and the latest day its plan may be maintained (R4.4)."""
    case_row = await load_case(uow, principal, case_id)
    records = await repository.records_of_case(uow.connection, case_row.la_code, case_id)
    return records, rules.plan_limit(case_row.date_of_birth, [r.spell for r in records])


async def spells_of(uow: UnitOfWork, la_code: str, case_id: str) -> list[EducationSpell]:
    """What the young person is recorded doing, for the rules of ceasing (R4.3, R4.4)."""
    return [r.spell for r in await repository.records_of_case(uow.connection, la_code, case_id)]
