"""The eligibility read model fed by assessment's events (R7.1), and the check a budget
request goes through."""

from __future__ import annotations

from datetime import date

from budgets.domain.enums import RequestContext
from budgets.domain.records import PlanCase
from budgets.eligibility import repository as repo
from budgets.eligibility import rules
from budgets.eligibility.rules import PlanSignal
from budgets.eligibility.schemas import EligibilityRead
from common import calendar
from common.db.uow import UnitOfWork
from common.errors import NotFound, RuleViolation
from common.principal import Principal

ANNUAL_REVIEW_MONTHS = 12  # R3.1: the first review within 12 months of the plan's issue


async def record_signal(uow: UnitOfWork, la_code: str, case_id: str, signal: PlanSignal,
                        on: date, *, plan_id: str | None = None,
                        next_review_due_on: date | None = None) -> PlanCase | None:
    """Move the case to the stage `signal` leads to; the same event twice changes nothing."""
    current = await repo.get(uow.connection, case_id, for_update=True)
    stage = rules.next_stage(current.stage if current else None, signal)
    if current is None and stage is None:
        return None
    values: dict[str, object] = {}
    if stage is not None and (current is None or stage is not current.stage):
        values |= {"stage": stage.value, "stage_since": on}
    if plan_id is not None:
        values["plan_id"] = plan_id
    if signal is PlanSignal.ISSUED:
        values["plan_issued_on"] = on
        next_review_due_on = next_review_due_on or calendar.add_months(on, ANNUAL_REVIEW_MONTHS)
    if next_review_due_on is not None:
        values["next_review_due_on"] = next_review_due_on
    if current is None:
        await repo.add(uow.connection, case_id, la_code, values, uow.clock.now())
    elif values:
        await repo.set_values(uow.connection, case_id, {**values, "updated_at": uow.clock.now()})
    return await repo.get(uow.connection, case_id)


async def context_for_request(uow: UnitOfWork, case_id: str, la_code: str) -> tuple[
        RequestContext, PlanCase]:
    """R7.1: the context a request is taken in, or a RuleViolation (nothing written)."""
    case = await repo.get(uow.connection, case_id)
    if case is not None and case.la_code != la_code:
        case = None
    context = rules.decide_request(case.stage if case else None)
    assert case is not None  # decide_request refuses a case with no stage
    return context, case


async def plan_case(uow: UnitOfWork, case_id: str) -> PlanCase | None:
    return await repo.get(uow.connection, case_id)


async def eligibility(uow: UnitOfWork, principal: Principal, case_id: str) -> EligibilityRead:
    """R7.1, as the caller may see it: a family its own case, LA staff their LA's."""
    if not principal.may_see_case(principal.la_code, case_id):
        raise NotFound(f"Case {case_id}")
    case = await repo.get(uow.connection, case_id)
    if case is not None and case.la_code != principal.la_code:
        case = None
    try:
        context, reason = rules.decide_request(case.stage if case else None), None
    except RuleViolation as refused:
        context, reason = None, refused.message
    return EligibilityRead(
        case_id=case_id, stage=case.stage if case else None,
        stage_since=case.stage_since if case else None, plan_id=case.plan_id if case else None,
        next_review_due_on=case.next_review_due_on if case else None,
        may_request=context is not None, context=context, reason=reason)
