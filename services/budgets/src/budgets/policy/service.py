"""Use cases of the personal budget policy: draft versions, publish (R7.4), the scope
report (R7.11)."""

from __future__ import annotations

from budgets import contracts
from budgets.budgets import repository as budgets_repo
from budgets.domain.enums import PolicyStatus
from budgets.domain.records import Policy
from budgets.ids import new_id
from budgets.policy import repository as repo
from budgets.policy import rules
from budgets.policy.schemas import (
    PolicyCreate,
    PublishCreate,
    ScopeReport,
    VersionScopeRead,
    YearBudgetsRead,
)
from common.db.uow import UnitOfWork
from common.errors import NotFound
from common.principal import Principal


async def load(uow: UnitOfWork, principal: Principal, policy_id: str) -> Policy:
    policy = await repo.get(uow.connection, principal.la_code, policy_id, for_update=True)
    if policy is None:
        raise NotFound(f"Policy {policy_id}")
    return policy


async def draft(uow: UnitOfWork, principal: Principal, cmd: PolicyCreate) -> Policy:
    """A new version, in draft; its content is checked against R7.4 when published."""
    policy_id = new_id()
    await repo.add(uow.connection, {
        "id": policy_id, "la_code": principal.la_code,
        "version": await repo.next_version(uow.connection, principal.la_code),
        "status": PolicyStatus.DRAFT.value, "title": cmd.title, "summary": cmd.summary,
        "url": cmd.url, "content": cmd.content.model_dump(mode="json"),
        "created_at": uow.clock.now()})
    return await load(uow, principal, policy_id)


async def publish(uow: UnitOfWork, principal: Principal, policy_id: str,
                  cmd: PublishCreate) -> Policy:
    """R7.4: a policy that sets out everything is published (the local offer shows it); the
    version before it is superseded."""
    policy = await load(uow, principal, policy_id)
    today = uow.clock.today()
    published_on = cmd.published_on or today
    rules.decide_publish(policy.status, policy.domain_content, published_on, today)
    await repo.supersede_published(uow.connection, principal.la_code)
    await repo.set_status(uow.connection, policy.id, {"status": PolicyStatus.PUBLISHED.value,
                                                   "published_on": published_on})
    uow.emit(contracts.POLICY_PUBLISHED, contracts.PolicyPublishedV1(
        la_code=policy.la_code, policy_id=policy.id, version=policy.version,
        published_on=published_on, summary=policy.summary, url=policy.url),
        subject=f"la/{policy.la_code}/budget-policy", la_code=policy.la_code)
    return await load(uow, principal, policy.id)


async def scope_report(uow: UnitOfWork, la_code: str) -> ScopeReport:
    """R7.11: services and funding streams in scope per version; budgets agreed per year."""
    versions = await repo.published_versions(uow.connection, la_code)
    scopes = rules.scope_by_version([(p.version, p.published_on, p.domain_content)
                                     for p in versions])
    years = rules.budgets_by_year(await budgets_repo.agreed_totals(uow.connection, la_code))
    return ScopeReport(
        la_code=la_code,
        versions=[VersionScopeRead(version=s.version, published_on=s.published_on,
                                   services_by_stream=s.services_by_stream,
                                   streams_in_scope=list(s.streams_in_scope),
                                   services_added=s.services_added) for s in scopes],
        budgets_by_year=[YearBudgetsRead(year=y.year, agreed=y.agreed,
                                         total_pence=y.total_pence) for y in years])


async def read(uow: UnitOfWork, principal: Principal, policy_id: str) -> Policy:
    policy = await repo.get(uow.connection, principal.la_code, policy_id)
    if policy is None or (policy.status is PolicyStatus.DRAFT
                          and not principal.has_any(("la_caseworker", "la_manager"))):
        raise NotFound(f"Policy {policy_id}")
    return policy


async def page(uow: UnitOfWork, principal: Principal, limit: int,
               offset: int) -> tuple[list[Policy], int]:
    """LA staff see every version; others only what has been published."""
    statuses = [] if principal.has_any(("la_caseworker", "la_manager")) else \
        [PolicyStatus.PUBLISHED.value, PolicyStatus.SUPERSEDED.value]
    return await repo.page(uow.connection, principal.la_code, statuses, limit, offset)
