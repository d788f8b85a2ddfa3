"""Use cases of the SEN2 return (R13.1): gather an LA's records person by person, map them
with the pure rules, and record a case's SEN2 details."""

from __future__ import annotations

from datetime import date

from sqlalchemy.ext.asyncio import AsyncConnection

from assessment.cases.service import load_case
from assessment.sen2 import repository, rules
from assessment.sen2.schemas import Sen2DetailUpdate
from common.db.uow import UnitOfWork
from common.principal import Principal


def person_detail(found: repository.DetailRecord | None) -> rules.PersonDetail:
    if found is None:
        return rules.PersonDetail()
    return rules.PersonDetail(gender=found.gender, ethnicity=found.ethnicity,
                              postcode=found.postcode, upn_unknown=found.upn_unknown,
                              sen_types=tuple(found.sen_types))


async def people(connection: AsyncConnection, la_code: str) -> list[rules.PersonFacts]:
    """Every case of the LA with what the return reads about it."""
    found = await repository.la_records(connection, la_code)
    return [rules.PersonFacts(
        case=case, detail=person_detail(found.details.get(case.id)),
        requests=found.requests.get(case.id, []),
        plans=[rules.PlanFacts(plan=p, final=found.finals.get(p.id))
               for p in found.plans.get(case.id, [])],
        reviews=found.reviews.get(case.id, []),
        exceptions=found.exceptions.get(case.id, [])) for case in found.cases]


async def sen2_return(connection: AsyncConnection, la_code: str, census: date) -> rules.Return:
    rules.decide_census_date(census)
    return rules.build_return(await people(connection, la_code), census)


async def record_detail(uow: UnitOfWork, principal: Principal, case_id: str,
                        cmd: Sen2DetailUpdate) -> repository.DetailRecord:
    """Replace the case's SEN2 details (the whole record; a missing field is cleared)."""
    await load_case(uow, principal, case_id, for_update=True)
    existing = await repository.detail_of(uow.connection, case_id, for_update=True)
    values = {"case_id": case_id, "la_code": principal.la_code, **cmd.model_dump(),
              "version": (existing.version + 1) if existing else 1,
              "updated_at": uow.clock.now()}
    await repository.save_detail(uow.connection, values, exists=existing is not None)
    return repository.DetailRecord(**values)


async def detail(uow: UnitOfWork, principal: Principal,
                 case_id: str) -> repository.DetailRecord | None:
    await load_case(uow, principal, case_id)
    return await repository.detail_of(uow.connection, case_id)
