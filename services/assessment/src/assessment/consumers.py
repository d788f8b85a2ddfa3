"""The events the assessment service listens to: Section J from budgets (R2.1, R7.10), and
its own plan and review events, which open the coming phase transfer's deadline (R3.6)."""

from __future__ import annotations

from assessment import contracts
from assessment.plans import section_j
from assessment.plans.section_j import SECTION_J_PREPARED, SectionJPrepared
from assessment.transfers import phases
from assessment.transfers.phases import PlanIssuedSeen, ReviewCompletedSeen
from common.db.uow import UnitOfWork
from common.messaging.consumer import Handler, HandlerTable
from common.messaging.envelope import CloudEvent
from common.runtime import ServiceRuntime


def handlers(runtime: ServiceRuntime) -> HandlerTable:
    async def on_section_j(uow: UnitOfWork, event: CloudEvent, data: SectionJPrepared) -> None:
        await section_j.write_section_j(uow, event.lacode, data)

    async def on_plan_issued(uow: UnitOfWork, event: CloudEvent, data: PlanIssuedSeen) -> None:
        await phases.on_plan_event(uow, runtime.deadlines, event.lacode, data.plan_id,
                                   data.issued_on)

    async def on_review_completed(uow: UnitOfWork, event: CloudEvent,
                                  data: ReviewCompletedSeen) -> None:
        await phases.on_plan_event(uow, runtime.deadlines, event.lacode, data.plan_id,
                                   data.decided_on)

    return {SECTION_J_PREPARED: Handler(SectionJPrepared, on_section_j),
            contracts.PLAN_ISSUED: Handler(PlanIssuedSeen, on_plan_issued),
            contracts.REVIEW_COMPLETED: Handler(ReviewCompletedSeen, on_review_completed)}
