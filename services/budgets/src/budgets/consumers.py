"""The assessment events budgets listens to, read as it needs them (tolerant reader): they
feed the eligibility read model (R7.1) and re-open budgets at annual reviews (R7.9)."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel

from budgets.budgets import service as budgets
from budgets.domain.enums import PlanStage
from budgets.eligibility import service as eligibility
from budgets.eligibility.rules import PlanSignal
from common.db.uow import UnitOfWork
from common.messaging.consumer import Handler, HandlerTable
from common.messaging.envelope import CloudEvent
from common.runtime import ServiceRuntime

DECISION_MADE = "send.assessment.decision.made.v1"
PLAN_REFUSED = "send.assessment.plan.refused.v1"
PLAN_DRAFTED = "send.assessment.plan.drafted.v1"
PLAN_ISSUED = "send.assessment.plan.issued.v1"
PLAN_CEASED = "send.assessment.plan.ceased.v1"
REVIEW_COMPLETED = "send.assessment.review.completed.v1"
DEADLINE_APPROACHING = "send.assessment.deadline.approaching.v1"
ANNUAL_REVIEW_DUE = "annual_review_due"


class DecisionMade(BaseModel):
    case_id: str
    decision: Literal["assess", "refuse"]
    decided_on: date


class PlanRefused(BaseModel):
    case_id: str
    decided_on: date


class PlanDrafted(BaseModel):
    case_id: str
    plan_id: str
    sent_on: date
    amendment: bool | None = None


class PlanIssued(BaseModel):
    case_id: str
    plan_id: str
    issued_on: date


class PlanCeased(BaseModel):
    case_id: str
    plan_id: str
    ceased_on: date


class ReviewCompleted(BaseModel):
    case_id: str
    plan_id: str
    outcome: Literal["maintain", "amend", "cease"]
    decided_on: date
    next_review_due_on: date


class DeadlineApproaching(BaseModel):
    case_id: str
    deadline_kind: str
    due_on: date


def handlers(runtime: ServiceRuntime) -> HandlerTable:
    async def signal(uow: UnitOfWork, event: CloudEvent, case_id: str, what: PlanSignal,
                     on: date, **extra: Any) -> PlanStage | None:
        case = await eligibility.record_signal(uow, event.lacode, case_id, what, on, **extra)
        return case.stage if case else None

    async def on_decision(uow: UnitOfWork, event: CloudEvent, data: DecisionMade) -> None:
        what = PlanSignal.ASSESS if data.decision == "assess" else PlanSignal.REFUSE_ASSESSMENT
        stage = await signal(uow, event, data.case_id, what, data.decided_on)
        if what is PlanSignal.ASSESS and stage is PlanStage.REVIEW_OR_REASSESSMENT:
            # a re-assessment of a maintained plan: the budget is looked at again (R7.9)
            await budgets.reopen_at_review(uow, runtime.deadlines, data.case_id,
                                           data.decided_on, None)

    async def on_refused(uow: UnitOfWork, event: CloudEvent, data: PlanRefused) -> None:
        await signal(uow, event, data.case_id, PlanSignal.PLAN_REFUSED, data.decided_on)

    async def on_drafted(uow: UnitOfWork, event: CloudEvent, data: PlanDrafted) -> None:
        what = PlanSignal.AMENDMENT_DRAFTED if data.amendment else PlanSignal.DRAFTED
        await signal(uow, event, data.case_id, what, data.sent_on, plan_id=data.plan_id)
        await budgets.plan_drafted(uow, data.case_id, data.plan_id, data.sent_on)

    async def on_issued(uow: UnitOfWork, event: CloudEvent, data: PlanIssued) -> None:
        await signal(uow, event, data.case_id, PlanSignal.ISSUED, data.issued_on,
                     plan_id=data.plan_id)

    async def on_ceased(uow: UnitOfWork, event: CloudEvent, data: PlanCeased) -> None:
        await signal(uow, event, data.case_id, PlanSignal.CEASED, data.ceased_on)

    async def on_review(uow: UnitOfWork, event: CloudEvent, data: ReviewCompleted) -> None:
        what = {"maintain": PlanSignal.REVIEW_MAINTAIN, "amend": PlanSignal.REVIEW_AMEND,
                "cease": PlanSignal.CEASED}[data.outcome]
        await signal(uow, event, data.case_id, what, data.decided_on,
                     next_review_due_on=data.next_review_due_on)
        if data.outcome != "cease":  # R7.9: the budget is looked at again with the plan
            await budgets.reopen_at_review(uow, runtime.deadlines, data.case_id,
                                           data.decided_on, data.next_review_due_on)

    async def on_deadline(uow: UnitOfWork, event: CloudEvent,
                          data: DeadlineApproaching) -> None:
        if data.deadline_kind == ANNUAL_REVIEW_DUE:  # the review is under way (R7.1)
            await signal(uow, event, data.case_id, PlanSignal.REVIEW_DUE_SOON,
                         event.time.date())

    return {DECISION_MADE: Handler(DecisionMade, on_decision),
            PLAN_REFUSED: Handler(PlanRefused, on_refused),
            PLAN_DRAFTED: Handler(PlanDrafted, on_drafted),
            PLAN_ISSUED: Handler(PlanIssued, on_issued),
            PLAN_CEASED: Handler(PlanCeased, on_ceased),
            REVIEW_COMPLETED: Handler(ReviewCompleted, on_review),
            DEADLINE_APPROACHING: Handler(DeadlineApproaching, on_deadline)}
