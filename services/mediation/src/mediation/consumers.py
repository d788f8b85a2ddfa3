"""The events the mediation service listens to, read as it needs them (tolerant reader)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from common.db.uow import UnitOfWork
from common.messaging.consumer import Handler, HandlerTable, PermanentFailure
from common.messaging.envelope import CloudEvent
from common.runtime import ServiceRuntime
from mediation.appeals import rules as orders
from mediation.appeals.service import report_done
from mediation.cases.rules import Decision
from mediation.cases.service import open_from_decision
from mediation.domain.enums import OpenedBy
from mediation.domain.errors import RuleViolation
from mediation.known_cases.service import learn

CASE_OPENED = "send.assessment.case.opened.v1"
DECISION_APPEALABLE = "send.assessment.decision.appealable.v1"
DECISION_MADE = "send.assessment.decision.made.v1"
PLAN_REFUSED = "send.assessment.plan.refused.v1"
PLAN_ISSUED = "send.assessment.plan.issued.v1"


class CaseOpened(BaseModel):
    """`send.assessment.case.opened.v1`, read only for which case it is: the event's
    `lacode` says whose."""

    case_id: str = Field(min_length=1, max_length=36)


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


class DecisionMade(BaseModel):
    """`send.assessment.decision.made.v1`: whether to assess (R6.11's first order step)."""

    case_id: str
    decision: str
    decided_on: date


class PlanRefused(BaseModel):
    """`send.assessment.plan.refused.v1`: the no-plan notice (R6.11)."""

    case_id: str
    decided_on: date


class PlanIssued(BaseModel):
    """`send.assessment.plan.issued.v1`: a final plan, new or amended (R6.11)."""

    case_id: str
    issued_on: date
    reason: str


def handlers(runtime: ServiceRuntime) -> HandlerTable:
    async def on_case_opened(uow: UnitOfWork, event: CloudEvent, data: CaseOpened) -> None:
        await learn(uow, data.case_id, event.lacode)

    async def on_appealable_decision(uow: UnitOfWork, event: CloudEvent,
                                     data: AppealableDecision) -> None:
        await learn(uow, data.case_id, event.lacode)
        try:
            await open_from_decision(uow, runtime.deadlines, event.lacode, Decision(
                case_id=data.case_id, decision_id=data.decision_id,
                decision_kind=data.decision_kind, decided_on=data.decided_on,
                notified_on=data.notified_on,
                appellants=[a.model_dump() for a in data.appellants],
                sections_in_dispute=data.sections_in_dispute), opened_by=OpenedBy.EVENT)
        except RuleViolation as exc:  # the event itself is wrong: retrying cannot help
            raise PermanentFailure(repr(exc)) from exc

    async def on_decision_made(uow: UnitOfWork, event: CloudEvent, data: DecisionMade) -> None:
        await learn(uow, data.case_id, event.lacode)
        await report_done(uow, runtime.deadlines, event, data.case_id, data.decided_on,
                          orders.decision_made_steps(data.decision))

    async def on_plan_refused(uow: UnitOfWork, event: CloudEvent, data: PlanRefused) -> None:
        await learn(uow, data.case_id, event.lacode)
        await report_done(uow, runtime.deadlines, event, data.case_id, data.decided_on,
                          orders.plan_refused_steps())

    async def on_plan_issued(uow: UnitOfWork, event: CloudEvent, data: PlanIssued) -> None:
        await learn(uow, data.case_id, event.lacode)
        await report_done(uow, runtime.deadlines, event, data.case_id, data.issued_on,
                          orders.plan_issued_steps(data.reason))

    return {CASE_OPENED: Handler(CaseOpened, on_case_opened),
            DECISION_APPEALABLE: Handler(AppealableDecision, on_appealable_decision),
            DECISION_MADE: Handler(DecisionMade, on_decision_made),
            PLAN_REFUSED: Handler(PlanRefused, on_plan_refused),
            PLAN_ISSUED: Handler(PlanIssued, on_plan_issued)}
