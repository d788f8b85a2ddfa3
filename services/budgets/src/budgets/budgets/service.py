"""Use cases of personal budgets (R7.1-R7.3, R7.5, R7.8, R7.9): request, information,
preparation, decision, a review of a refusal, and re-opening at an annual review.
Load → decide (rules) → save → emit; the request's unit of work commits."""

from __future__ import annotations

from datetime import date
from typing import Any

from budgets import contracts
from budgets.budgets import repository as repo
from budgets.budgets import rules
from budgets.budgets.schemas import (
    BudgetRequestCreate,
    ComponentIn,
    DecisionCreate,
    InformationCreate,
    PreparationUpdate,
    ReviewRequestCreate,
)
from budgets.direct_payments import repository as dp_repo
from budgets.direct_payments import service as direct_payments
from budgets.domain.enums import BudgetStatus, DeadlineKind, Decision, DirectPaymentStatus
from budgets.domain.errors import RuleViolation
from budgets.domain.model import Component
from budgets.domain.money import pence
from budgets.domain.records import Budget
from budgets.eligibility import service as eligibility
from budgets.ids import new_id
from budgets.section_j import service as section_j
from common.db.uow import UnitOfWork
from common.deadline_alerts import DeadlineOwner
from common.deadlines import DeadlineBook
from common.errors import Conflict, NotFound
from common.messaging.envelope import subject_for_case
from common.principal import Principal

S = BudgetStatus
OPEN = (S.RECEIVED, S.INFORMED, S.PREPARED, S.REVIEW_REQUESTED, S.REOPENED)
OWNER = DeadlineOwner(team="personal-budgets")


async def load(uow: UnitOfWork, principal: Principal, budget_id: str) -> Budget:
    budget = await repo.get(uow.connection, principal, budget_id, for_update=True)
    if budget is None:
        raise NotFound(f"Personal budget {budget_id}")
    return budget


async def _save(uow: UnitOfWork, principal: Principal, budget: Budget,
                values: dict[str, Any]) -> Budget:
    await repo.change(uow.connection, budget, {**values, "updated_at": uow.clock.now()})
    changed = await repo.get(uow.connection, principal, budget.id)
    assert changed is not None
    return changed


def _emit(uow: UnitOfWork, budget: Budget, event_type: str, data: Any) -> None:
    uow.emit(event_type, data, subject=subject_for_case(budget.case_id),
             la_code=budget.la_code)


async def request_budget(uow: UnitOfWork, principal: Principal,
                         cmd: BudgetRequestCreate) -> Budget:
    """R7.1: taken only once the LA has decided to make a plan, or at a review or
    re-assessment; the family asks for its own case, LA staff on its behalf."""
    if not principal.may_see_case(principal.la_code, cmd.case_id):
        raise NotFound(f"Case {cmd.case_id}")
    today = uow.clock.today()
    received_on = cmd.received_on or today
    rules.decide_received(received_on, today)
    context, plan = await eligibility.context_for_request(uow, cmd.case_id, principal.la_code)
    if await repo.of_case(uow.connection, cmd.case_id, OPEN):
        raise Conflict("A personal budget for this case is already being considered")
    budget_id, now = new_id(), uow.clock.now()
    await repo.add(uow.connection, {
        "id": budget_id, "la_code": principal.la_code, "case_id": cmd.case_id,
        "plan_id": plan.plan_id, "status": S.RECEIVED.value, "context": context.value,
        "received_on": received_on,
        "requested_by": "family" if principal.is_family else "la_staff",
        "created_at": now, "updated_at": now})
    budget = await repo.get(uow.connection, principal, budget_id)
    assert budget is not None
    _emit(uow, budget, contracts.REQUEST_RECEIVED, contracts.RequestReceivedV1(
        case_id=budget.case_id, budget_request_id=budget.id, received_on=received_on,
        context=context.value))
    return budget


async def give_information(uow: UnitOfWork, principal: Principal, budget_id: str,
                           cmd: InformationCreate) -> Budget:
    """R7.3: the family is told what a budget may cover, where to get advice, and the
    direct payment conditions."""
    budget = await load(uow, principal, budget_id)
    rules.decide_information(budget.state, cmd.given_on, cmd.model_dump(exclude={"given_on"}),
                             uow.clock.today())
    status = S.REOPENED if budget.status is S.REOPENED else S.INFORMED
    return await _save(uow, principal, budget, {"status": status.value,
                                                "information_given_on": cmd.given_on})


def _component(n: int, line: ComponentIn) -> Component:
    return Component(
        line.funding_stream, line.provision, pence(line.annual_pence,
                                                   f"components.{n}.annual_pence"),
        line.mechanism, line.block_commissioned, line.school_or_college_place,
        line.on_setting_premises, line.setting_name, line.setting_urn,
        tuple(line.needs_met), tuple(line.outcomes_met))


async def prepare(uow: UnitOfWork, principal: Principal, budget_id: str,
                  cmd: PreparationUpdate) -> Budget:
    """R7.2, R7.5-R7.7, R7.10: the components per funding stream, each with its mechanism
    (block-commissioned provision marked), in integer pence."""
    budget = await load(uow, principal, budget_id)
    components = [_component(n, line) for n, line in enumerate(cmd.components)]
    total = rules.decide_prepare(budget.state, components)
    preparation = budget.preparation + 1
    await repo.add_components(uow.connection, budget.id, preparation,
                              [(new_id(), c) for c in components])
    status = S.REVIEW_REQUESTED if budget.status is S.REVIEW_REQUESTED else S.PREPARED
    return await _save(uow, principal, budget, {
        "status": status.value, "preparation": preparation, "total_pence": total,
        "outcomes_supported": list(cmd.outcomes_supported), "flexibility": cmd.flexibility})


async def decide(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                 budget_id: str, cmd: DecisionCreate) -> Budget:
    """R7.1, R7.8: agreed (direct payments arranged, Section J prepared) or refused with
    reasons and the right to a review."""
    budget = await load(uow, principal, budget_id)
    lines = (await repo.components(uow.connection, [budget]))[budget.id]
    rules.decide_decision(budget.state, cmd.decision, cmd.decided_on, cmd.reasons,
                          [line.component for line in lines], uow.clock.today())
    agreed = cmd.decision is Decision.AGREED
    if agreed and not budget.outcomes_supported:
        raise RuleViolation("R7.10", "say which outcomes the budget supports",
                            "outcomes_supported")
    if budget.status is S.REVIEW_REQUESTED:
        await deadlines.close(uow, case_id=budget.case_id,
                              kind=DeadlineKind.BUDGET_REVIEW_REQUEST, closed_on=cmd.decided_on,
                              ref_id=budget.id)
    decided = await _save(uow, principal, budget, {
        "status": (S.AGREED if agreed else S.REFUSED).value, "decision": cmd.decision.value,
        "decided_on": cmd.decided_on, "reasons": cmd.reasons})
    _emit(uow, decided, contracts.DECISION_MADE, contracts.DecisionMadeV1(
        case_id=decided.case_id, budget_request_id=decided.id, decision=cmd.decision.value,
        decided_on=cmd.decided_on, total_pence=decided.total_pence if agreed else None,
        reasons=cmd.reasons, review_right=None if agreed else True))
    if agreed:
        await direct_payments.arrange(uow, deadlines, decided, lines, cmd.decided_on)
        await section_j.refresh(uow, decided.id, cmd.decided_on)
    return decided


async def request_review(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                         budget_id: str, cmd: ReviewRequestCreate) -> Budget:
    """R7.8: the family asks for the refusal to be reviewed; the LA's clock starts."""
    budget = await load(uow, principal, budget_id)
    review = rules.decide_review_request(budget.state, cmd.requested_on, cmd.grounds,
                                         uow.clock.today())
    await deadlines.open(uow, la_code=budget.la_code, case_id=budget.case_id,
                         kind=review.deadline_kind, due_on=review.due_on,
                         opened_on=cmd.requested_on, ref_id=budget.id, owner=OWNER)
    return await _save(uow, principal, budget, {
        "status": S.REVIEW_REQUESTED.value, "review_requested_on": cmd.requested_on,
        "review_grounds": cmd.grounds, "review_due_on": review.due_on})


async def reopen_at_review(uow: UnitOfWork, deadlines: DeadlineBook, case_id: str,
                           on: date, next_review_due_on: date | None) -> int:
    """R7.9: at an annual review (or re-assessment) an agreed budget is opened again, and its
    direct payments are due for review at the plan's next annual review."""
    reopened = 0
    for budget in await repo.of_case(uow.connection, case_id, (S.AGREED,)):
        if not rules.decide_reopen(budget.status):
            continue
        await repo.change(uow.connection, budget, {"status": S.REOPENED.value, "reopened_on": on,
                                                "updated_at": uow.clock.now()})
        reopened += 1
        if next_review_due_on is None:
            continue
        for dp in await dp_repo.of_budget(uow.connection, budget.id):
            if dp.status is DirectPaymentStatus.ACTIVE:
                await direct_payments.open_annual_review(uow, deadlines, dp,
                                                         next_review_due_on, on)
    return reopened


async def plan_drafted(uow: UnitOfWork, case_id: str, plan_id: str, sent_on: date) -> None:
    """A draft (or draft amended) plan: the case's budgets belong to it, and an agreed one
    sends its Section J again so that the new draft carries it (R2.1, R7.10)."""
    for budget in await repo.of_case(uow.connection, case_id, (*OPEN, S.AGREED)):
        if budget.plan_id != plan_id:
            await repo.change(uow.connection, budget, {"plan_id": plan_id,
                                                    "updated_at": uow.clock.now()})
        if budget.status in (S.AGREED, S.REOPENED):
            await section_j.refresh(uow, budget.id, sent_on)


async def read(uow: UnitOfWork, principal: Principal, budget_id: str) -> Budget:
    budget = await repo.get(uow.connection, principal, budget_id)
    if budget is None:
        raise NotFound(f"Personal budget {budget_id}")
    return budget


async def components_of(uow: UnitOfWork, budgets: list[Budget]) -> dict[str, list[Any]]:
    return await repo.components(uow.connection, budgets)


async def page(uow: UnitOfWork, principal: Principal, case_id: str | None,
               status: BudgetStatus | None, limit: int, offset: int) -> tuple[list[Budget], int]:
    return await repo.page(uow.connection, principal, repo.filters(case_id, status), limit, offset)
