"""The events the mediation service listens to, read as it needs them (tolerant reader)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from common.db.uow import UnitOfWork
from common.messaging.consumer import Handler, HandlerTable, PermanentFailure
from common.messaging.envelope import CloudEvent
from common.runtime import ServiceRuntime
from mediation import service
from mediation.domain.errors import RuleViolation

DECISION_APPEALABLE = "send.assessment.decision.appealable.v1"


class Appellant(BaseModel):
    name: str
    email: str | None = None
    phone: str | None = None


class AppealableDecision(BaseModel):
    """`send.assessment.decision.appealable.v1`, the fields mediation needs."""

    case_id: str
    decision_id: str
    decision_kind: str
    decided_on: date
    notified_on: date
    appellants: list[Appellant]
    sections_in_dispute: list[str] | None = None


def handlers(runtime: ServiceRuntime) -> HandlerTable:
    async def on_appealable_decision(uow: UnitOfWork, event: CloudEvent,
                                     data: AppealableDecision) -> None:
        try:
            await service.open_from_decision(uow, runtime.deadlines, event.lacode,
                                             data.model_dump(), opened_by="event")
        except RuleViolation as exc:  # the event itself is wrong: retrying cannot help
            raise PermanentFailure(repr(exc)) from exc

    return {DECISION_APPEALABLE: Handler(AppealableDecision, on_appealable_decision)}
