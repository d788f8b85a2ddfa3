"""The events the policy feature listens to: the budgets service's published policy."""

from __future__ import annotations

from common.db.uow import UnitOfWork
from common.messaging.consumer import Handler, HandlerTable, PermanentFailure
from common.messaging.envelope import CloudEvent
from localoffer.policy import service
from localoffer.policy.schemas import PolicyPublished


async def on_policy_published(uow: UnitOfWork, event: CloudEvent, data: PolicyPublished) -> None:
    if data.la_code != event.lacode:  # one LA's policy never lands in another's offer
        raise PermanentFailure(f"policy for LA {data.la_code} in an event for {event.lacode}")
    await service.keep_published(uow, event.id, data)


def handlers() -> HandlerTable:
    return {service.POLICY_PUBLISHED: Handler(PolicyPublished, on_policy_published)}
