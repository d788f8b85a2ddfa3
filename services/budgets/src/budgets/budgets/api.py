"""Personal budgets over HTTP: the family (or LA staff) asks; LA staff inform, prepare and
decide; the family may ask for a refusal to be reviewed (R7.1-R7.3, R7.5, R7.8)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status

from budgets.access import Limit, Offset, Staff, StaffOrFamily, Transaction
from budgets.budgets import service
from budgets.budgets.schemas import (
    BudgetPage,
    BudgetRead,
    BudgetRequestCreate,
    ComponentRead,
    DecisionCreate,
    InformationCreate,
    PreparationUpdate,
    ReviewRequestCreate,
)
from budgets.domain.enums import BudgetStatus
from budgets.domain.records import Budget, StoredComponent
from common.http import check_if_match, set_etag
from common.idempotency import IdempotencyKey, create_once
from common.web import Runtime

router = APIRouter(prefix="/v1", tags=["personal budgets"])


def budget_read(budget: Budget, lines: list[StoredComponent]) -> BudgetRead:
    return BudgetRead(
        id=budget.id, case_id=budget.case_id, plan_id=budget.plan_id, status=budget.status,
        context=budget.context, requested_by=budget.requested_by,
        received_on=budget.received_on, information_given_on=budget.information_given_on,
        outcomes_supported=budget.outcomes_supported, flexibility=budget.flexibility,
        total_pence=budget.total_pence, decision=budget.decision,
        decided_on=budget.decided_on, reasons=budget.reasons,
        review_right=budget.status is BudgetStatus.REFUSED,
        review_requested_on=budget.review_requested_on, review_due_on=budget.review_due_on,
        reopened_on=budget.reopened_on, version=budget.version,
        components=[ComponentRead(
            id=line.id, funding_stream=line.component.funding_stream,
            provision=line.component.provision, annual_pence=line.component.annual_pence,
            mechanism=line.component.mechanism,
            block_commissioned=line.component.block_commissioned,
            school_or_college_place=line.component.school_or_college_place,
            on_setting_premises=line.component.on_setting_premises,
            setting_name=line.component.setting_name, setting_urn=line.component.setting_urn,
            needs_met=list(line.component.needs_met),
            outcomes_met=list(line.component.outcomes_met)) for line in lines])


async def _answer(uow: Transaction, budget: Budget, response: Response) -> BudgetRead:
    set_etag(response, budget.version)
    return budget_read(budget, (await service.components_of(uow, [budget]))[budget.id])


async def _current(uow: Transaction, principal: StaffOrFamily, budget_id: str,
                   request: Request) -> None:
    check_if_match(request, (await service.read(uow, principal, budget_id)).version)


@router.post("/budget-requests", response_model=BudgetRead, status_code=status.HTTP_201_CREATED,
             summary="Ask for a personal budget (R7.1): the family for its own case, or LA "
                     "staff on its behalf")
async def request_budget(body: BudgetRequestCreate, uow: Transaction,
                         principal: StaffOrFamily, response: Response,
                         idempotency_key: IdempotencyKey = None) -> BudgetRead:
    """Ask for a personal budget for an EHC plan being drawn up or reviewed (R7.1): a family
    for its own case, or LA staff on its behalf."""
    budget = await create_once(
        uow, principal, idempotency_key, body=body, path="/v1/budget-requests",
        create=lambda: service.request_budget(uow, principal, body),
        id_of=lambda b: b.id, load=lambda budget_id: service.read(uow, principal, budget_id))
    return await _answer(uow, budget, response)


@router.get("/budget-requests", response_model=BudgetPage,
            summary="Personal budgets the caller may see (a family: its own)")
async def list_budgets(uow: Transaction, principal: StaffOrFamily, case_id: str | None = None,
                       budget_status: Annotated[BudgetStatus | None,
                                                Query(alias="status")] = None,
                       limit: Limit = 50, offset: Offset = 0) -> BudgetPage:
    """Personal budgets the caller may see; a family sees only its own."""
    budgets, total = await service.page(uow, principal, case_id, budget_status, limit, offset)
    lines = await service.components_of(uow, budgets)
    return BudgetPage(items=[budget_read(b, lines[b.id]) for b in budgets], total=total,
                      limit=limit, offset=offset)


@router.get("/budget-requests/{budget_id}", response_model=BudgetRead,
            summary="One personal budget (ETag for If-Match)")
async def read_budget(budget_id: str, uow: Transaction, principal: StaffOrFamily,
                      response: Response) -> BudgetRead:
    """One personal budget with its components, decision and any direct payment. The `ETag`
    header carries its version for `If-Match`."""
    return await _answer(uow, await service.read(uow, principal, budget_id), response)


@router.post("/budget-requests/{budget_id}/information", response_model=BudgetRead,
             summary="Record what the family was told (R7.3)")
async def give_information(budget_id: str, body: InformationCreate, uow: Transaction,
                           principal: Staff, request: Request,
                           response: Response) -> BudgetRead:
    """Record the information the family was given about personal budgets and direct payments
    (R7.3). Honours `If-Match`."""
    await _current(uow, principal, budget_id, request)
    return await _answer(uow, await service.give_information(uow, principal, budget_id, body),
                         response)


@router.put("/budget-requests/{budget_id}/preparation", response_model=BudgetRead,
            summary="Set out the budget: components per funding stream, mechanisms, "
                    "block-commissioned provision (R7.2, R7.5-R7.7, R7.10)")
async def prepare(budget_id: str, body: PreparationUpdate, uow: Transaction, principal: Staff,
                  request: Request, response: Response) -> BudgetRead:
    """Set out the budget: amounts per funding stream in integer pence, how each part is held
    (direct payment, arrangement, third party), and provision the LA commissions in a block
    (R7.2, R7.5-R7.7, R7.10). Honours `If-Match`."""
    await _current(uow, principal, budget_id, request)
    return await _answer(uow, await service.prepare(uow, principal, budget_id, body), response)


@router.post("/budget-requests/{budget_id}/decision", response_model=BudgetRead,
             summary="Agree the budget, or refuse it with reasons (R7.1, R7.8)")
async def decide(budget_id: str, body: DecisionCreate, uow: Transaction, principal: Staff,
                 runtime: Runtime, request: Request, response: Response) -> BudgetRead:
    """Agree the budget, or refuse it with reasons the family can ask to have reviewed (R7.1,
    R7.8). Honours `If-Match`."""
    await _current(uow, principal, budget_id, request)
    return await _answer(uow, await service.decide(uow, runtime.deadlines, principal,
                                                   budget_id, body), response)


@router.post("/budget-requests/{budget_id}/review-request", response_model=BudgetRead,
             summary="Ask for a refusal to be reviewed (R7.8)")
async def request_review(budget_id: str, body: ReviewRequestCreate, uow: Transaction,
                         principal: StaffOrFamily, runtime: Runtime, request: Request,
                         response: Response) -> BudgetRead:
    """The family asks for a refusal to be reviewed (R7.8)."""
    await _current(uow, principal, budget_id, request)
    return await _answer(uow, await service.request_review(uow, runtime.deadlines, principal,
                                                           budget_id, body), response)
