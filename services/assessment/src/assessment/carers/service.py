"""Use cases of parent carers' needs assessments (R9.3): record one on request or on the
appearance of need (its own timeline entry and notice event), and record it completed.
Load, decide, save, emit; nothing here commits."""

from __future__ import annotations

from assessment import contracts
from assessment.carers import repository, rules
from assessment.carers.schemas import CarerAssessed, CarerAssessmentCreate
from assessment.cases.service import load_case, new_id, not_future, note, publish
from assessment.domain.duties import ParentCarerAssessment
from assessment.domain.errors import NotFound
from assessment.domain.records import stored
from common.db.uow import UnitOfWork
from common.principal import Principal


async def record_assessment(uow: UnitOfWork, principal: Principal, case_id: str,
                            cmd: CarerAssessmentCreate) -> ParentCarerAssessment:
    """R9.3: the assessment is due; the LA's social care team is told through the event."""
    case_row = await load_case(uow, principal, case_id, for_update=True)
    recorded = rules.decide_recorded(new_id(), case_id, case_row.la_code, cmd.carer_name,
                                     cmd.basis, cmd.identified_on, case_row.date_of_birth,
                                     uow.clock.now())
    not_future(cmd.identified_on, uow.clock.today(), "identified_on")
    await repository.add_assessment(uow.connection, stored(recorded))
    await publish(uow, case_row, contracts.PARENT_CARER_ASSESSMENT_RECORDED,
                  contracts.ParentCarerAssessmentRecordedV1(
                      case_id=case_id, parent_carer_assessment_id=recorded.id,
                      basis=cmd.basis.value, identified_on=cmd.identified_on,
                      carer_name=cmd.carer_name), cmd.identified_on)
    return recorded


async def assessments_of(uow: UnitOfWork, principal: Principal,
                         case_id: str) -> list[ParentCarerAssessment]:
    case_row = await load_case(uow, principal, case_id)
    return await repository.assessments_of_case(uow.connection, case_row.la_code, case_id)


async def record_assessed(uow: UnitOfWork, principal: Principal, assessment_id: str,
                          cmd: CarerAssessed) -> ParentCarerAssessment:
    """R9.3: the assessment was carried out; a timeline entry records it."""
    found = await repository.get_assessment(uow.connection, principal.la_code, assessment_id)
    if found is None:
        raise NotFound(f"Parent carer's needs assessment {assessment_id}")
    case_row = await load_case(uow, principal, found.case_id, for_update=True)
    done = rules.decide_assessed(found, cmd.assessed_on)
    not_future(cmd.assessed_on, uow.clock.today(), "assessed_on")
    await repository.update_assessment(uow.connection, assessment_id, {
        "status": done.status.value, "assessed_on": done.assessed_on})
    await note(uow, case_row, "parent_carer_assessment.assessed", cmd.assessed_on,
               {"parent_carer_assessment_id": assessment_id})
    return done
