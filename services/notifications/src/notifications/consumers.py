"""The events the notifications service listens to, read as it needs them."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from common.db.uow import UnitOfWork
from common.messaging.consumer import Handler, HandlerTable
from common.messaging.envelope import CloudEvent
from common.runtime import ServiceRuntime
from notifications import routing, service


class Owner(BaseModel):
    team: str | None = None
    caseworker_id: str | None = None


class DeadlineApproaching(BaseModel):
    case_id: str
    deadline_id: str
    deadline_kind: str
    due_on: date
    days_left: int
    owner: Owner = Owner()


class DeadlineMissed(BaseModel):
    case_id: str
    deadline_id: str
    deadline_kind: str
    due_on: date
    days_overdue: int
    owner: Owner = Owner()


def handlers(runtime: ServiceRuntime) -> HandlerTable:
    settings = runtime.settings

    async def on_approaching(uow: UnitOfWork, event: CloudEvent,
                             data: DeadlineApproaching) -> None:
        await service.plan_deliveries(uow, event, data.model_dump(),
                                      routing.deadline_recipients(settings, event.lacode, False))

    async def on_missed(uow: UnitOfWork, event: CloudEvent, data: DeadlineMissed) -> None:
        await service.plan_deliveries(uow, event, data.model_dump(),
                                      routing.deadline_recipients(settings, event.lacode, True))

    table: HandlerTable = {}
    for event_type in routing.deadline_approaching_types():
        table[event_type] = Handler(DeadlineApproaching, on_approaching)
    for event_type in routing.deadline_missed_types():
        table[event_type] = Handler(DeadlineMissed, on_missed)
    return table
