"""Section J from the budgets service (`send.budgets.section_j.prepared.v1`) written into the
draft or draft amended plan (R2.1, R7.10).

The text budgets prepared becomes section J of the plan's current version while that version
is a draft; the plan is marked as carrying a personal budget (and a direct payment when
there is one). A final plan is not changed here: its next draft amendment takes section J
from budgets again. Redelivery changes nothing (the consumer's inbox, and the write is the
same each time); events of a case arrive in order, so a later revision replaces an earlier."""

from __future__ import annotations

import logging
from typing import Any

from pydantic import BaseModel
from sqlalchemy import select, update

from assessment.tables_lifecycle import plan, plan_version
from common.db.uow import UnitOfWork
from common.messaging.consumer import Handler, HandlerTable
from common.messaging.envelope import CloudEvent
from common.runtime import ServiceRuntime

SECTION_J_PREPARED = "send.budgets.section_j.prepared.v1"
log = logging.getLogger("sendsys.assessment.section_j")


class SectionJ(BaseModel):
    revision: int
    text: str
    direct_payments: list[dict[str, Any]] = []


class SectionJPrepared(BaseModel):
    """The fields assessment reads (tolerant reader)."""

    case_id: str
    plan_id: str | None = None
    section_j: SectionJ


async def _plan_of(uow: UnitOfWork, la_code: str, data: SectionJPrepared) -> Any:
    query = select(plan).where(plan.c.la_code == la_code, plan.c.case_id == data.case_id)
    if data.plan_id:
        query = query.where(plan.c.id == data.plan_id)
    query = query.where(plan.c.status != "ceased").order_by(plan.c.created_at.desc())
    return (await uow.session.execute(query.limit(1).with_for_update())).first()


async def write_section_j(uow: UnitOfWork, la_code: str, data: SectionJPrepared) -> bool:
    """R2.1: section J of the current draft; True when it was written."""
    found = await _plan_of(uow, la_code, data)
    if found is None:
        log.info("no plan for section J", extra={"case_id": data.case_id})
        return False
    current = (await uow.session.execute(select(plan_version).where(
        plan_version.c.plan_id == found.id,
        plan_version.c.number == found.current_version))).first()
    if current is None or current.stage != "draft":
        log.info("section J waits for the next draft", extra={"plan_id": found.id})
        return False
    sections = {**current.sections, "J": data.section_j.text}
    await uow.session.execute(update(plan_version).where(plan_version.c.id == current.id)
                              .values(sections=sections, personal_budget_requested=True,
                                      direct_payment=bool(data.section_j.direct_payments)))
    await uow.session.execute(update(plan).where(plan.c.id == found.id).values(
        updated_at=uow.clock.now()))
    return True


def handlers(runtime: ServiceRuntime) -> HandlerTable:
    async def on_section_j(uow: UnitOfWork, event: CloudEvent, data: SectionJPrepared) -> None:
        await write_section_j(uow, event.lacode, data)

    return {SECTION_J_PREPARED: Handler(SectionJPrepared, on_section_j)}
