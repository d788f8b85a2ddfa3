"""The events the assessment service listens to: Section J from budgets (R2.1, R7.10)."""

from __future__ import annotations

from assessment.plans import section_j
from assessment.plans.section_j import SECTION_J_PREPARED, SectionJPrepared
from common.db.uow import UnitOfWork
from common.messaging.consumer import Handler, HandlerTable
from common.messaging.envelope import CloudEvent
from common.runtime import ServiceRuntime


def handlers(runtime: ServiceRuntime) -> HandlerTable:
    async def on_section_j(uow: UnitOfWork, event: CloudEvent, data: SectionJPrepared) -> None:
        await section_j.write_section_j(uow, event.lacode, data)

    return {SECTION_J_PREPARED: Handler(SectionJPrepared, on_section_j)}
