"""Section J from the agreed budget, sent to assessment for the draft or amended plan
(R2.1, R7.10): prepared on agreement and again whenever its direct payments change."""

from __future__ import annotations

import dataclasses
from datetime import date

from budgets import contracts
from budgets.budgets import repository as budgets_repo
from budgets.direct_payments import repository as dp_repo
from budgets.domain.enums import BudgetStatus, DirectPaymentStatus, Mechanism, SettingAgreement
from budgets.domain.records import SectionJRevision
from budgets.eligibility import repository as eligibility_repo
from budgets.ids import new_id
from budgets.section_j import repository as repo
from budgets.section_j import rules
from common.db.uow import UnitOfWork
from common.errors import NotFound
from common.messaging.envelope import subject_for_case
from common.principal import Principal

_SHOWN = (BudgetStatus.AGREED, BudgetStatus.REOPENED)


async def refresh(uow: UnitOfWork, budget_id: str, on: date) -> int | None:
    """Compose Section J from the budget as it stands, store it as the next revision and emit
    it; returns the revision (None when the budget is not agreed)."""
    conn = uow.connection
    budget = await budgets_repo.get_by_id(conn, budget_id)
    if budget.status not in _SHOWN:
        return None
    stored = (await budgets_repo.components(conn, [budget]))[budget.id]
    by_component = {dp.component_id: dp for dp in await dp_repo.of_budget(conn, budget.id)}
    dp_status = []
    for line in stored:
        if line.component.mechanism is Mechanism.DIRECT_PAYMENT:
            dp = by_component.get(line.id)
            dp_status.append((dp.status.value, dp.setting_agreement, dp.annual_pence) if dp
                             else (DirectPaymentStatus.PENDING.value,
                                   SettingAgreement.NOT_NEEDED, line.component.annual_pence))
    content = rules.compose(budget.outcomes_supported, budget.flexibility or "",
                            [line.component for line in stored], dp_status)
    plan = await eligibility_repo.get(conn, budget.case_id)
    plan_id = budget.plan_id or (plan.plan_id if plan else None)
    revision = await repo.next_revision(conn, budget.id)
    section = contracts.SectionJV1(budget_request_id=budget.id, revision=revision,
                                   **dataclasses.asdict(content))
    await repo.add(conn, {"id": new_id(),
                          "budget_id": budget.id, "case_id": budget.case_id,
                          "plan_id": plan_id, "revision": revision,
                          "content": section.model_dump(mode="json"), "prepared_on": on,
                          "created_at": uow.clock.now()})
    uow.emit(contracts.SECTION_J_PREPARED, contracts.SectionJPreparedV1(
        case_id=budget.case_id, plan_id=plan_id, section_j=section),
        subject=subject_for_case(budget.case_id), la_code=budget.la_code)
    return revision


async def latest(uow: UnitOfWork, principal: Principal, budget_id: str) -> SectionJRevision:
    """The latest Section J of a budget the caller may read."""
    budget = await budgets_repo.get(uow.connection, principal, budget_id)
    found = await repo.latest(uow.connection, budget.id) if budget is not None else None
    if found is None:
        raise NotFound(f"Section J of personal budget {budget_id}")
    return found
