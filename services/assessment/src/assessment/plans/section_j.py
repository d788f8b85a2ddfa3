"""Section J prepared by the budgets service (`send.budgets.section_j.prepared.v1`) written
into the draft or draft amended plan (R2.1, R7.10).

Events of one case reach assessment in order, so a later revision of the section replaces an
earlier one; the consumer's inbox makes a redelivered event change nothing."""

from __future__ import annotations

import logging
from typing import Any

from pydantic import BaseModel, Field

from assessment.plans import repository as repo
from assessment.plans import rules
from common.db.uow import UnitOfWork

SECTION_J_PREPARED = "send.budgets.section_j.prepared.v1"
log = logging.getLogger("sendsys.assessment.section_j")


class SectionJ(BaseModel):
    revision: int
    text: str
    direct_payments: list[dict[str, Any]] = Field(default_factory=list)


class SectionJPrepared(BaseModel):
    """The fields of the budgets event that assessment reads (tolerant reader)."""

    case_id: str
    plan_id: str | None = None
    section_j: SectionJ


async def write_section_j(uow: UnitOfWork, la_code: str, data: SectionJPrepared) -> bool:
    """Section J into the plan's current draft; True when it was written."""
    found = await repo.get_plan(uow.connection, la_code, data.plan_id, for_update=True) \
        if data.plan_id else await repo.active_plan_of_case(uow.connection, data.case_id)
    if found is not None and found.case_id != data.case_id:
        found = None
    current = await repo.version(uow.connection, found.id, found.current_version) \
        if found is not None else None
    values = rules.decide_section_j(found, current, data.section_j.text,
                                    bool(data.section_j.direct_payments))
    if values is None or current is None:
        log.info("no draft for section J yet", extra={"case_id": data.case_id})
        return False
    await repo.update_version(uow.connection, current.id, values)
    await repo.update_plan(uow.connection, current.plan_id, {"updated_at": uow.clock.now()})
    return True
