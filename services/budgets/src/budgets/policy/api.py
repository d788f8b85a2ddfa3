"""The personal budget policy over HTTP: LA staff draft and publish versions (R7.4); anyone
of the LA reads them; the scope report (R7.11)."""

from __future__ import annotations

from fastapi import APIRouter, status

from budgets.access import Anyone, Limit, Offset, Staff, Transaction
from budgets.domain.records import Policy
from budgets.policy import service
from budgets.policy.schemas import (
    PolicyContentIn,
    PolicyCreate,
    PolicyPage,
    PolicyRead,
    PublishCreate,
    ScopeReport,
)
from common.idempotency import IdempotencyKey, create_once

router = APIRouter(prefix="/v1", tags=["policy"])


def policy_read(policy: Policy) -> PolicyRead:
    return PolicyRead(id=policy.id, la_code=policy.la_code, version=policy.version,
                      status=policy.status, title=policy.title, summary=policy.summary,
                      url=policy.url, content=PolicyContentIn.model_validate(policy.content),
                      published_on=policy.published_on)


@router.post("/policies", response_model=PolicyRead, status_code=status.HTTP_201_CREATED,
             summary="Draft a new version of the personal budget policy")
async def draft_policy(body: PolicyCreate, uow: Transaction, principal: Staff,
                       idempotency_key: IdempotencyKey = None) -> PolicyRead:
    """Draft a new version of the LA's personal budget policy; it is published separately once
    complete. LA staff only."""
    return policy_read(await create_once(
        uow, principal, idempotency_key, body=body, path="/v1/policies",
        create=lambda: service.draft(uow, principal, body), id_of=lambda p: p.id,
        load=lambda policy_id: service.read(uow, principal, policy_id)))


@router.get("/policies", response_model=PolicyPage, summary="The policy's versions")
async def list_policies(uow: Transaction, principal: Anyone, limit: Limit = 50,
                        offset: Offset = 0) -> PolicyPage:
    """Every version of the LA's personal budget policy, drafts and published."""
    policies, total = await service.page(uow, principal, limit, offset)
    return PolicyPage(items=[policy_read(p) for p in policies], total=total, limit=limit,
                      offset=offset)


@router.get("/policies/{policy_id}", response_model=PolicyRead, summary="One version")
async def read_policy(policy_id: str, uow: Transaction, principal: Anyone) -> PolicyRead:
    """One version of the personal budget policy."""
    return policy_read(await service.read(uow, principal, policy_id))


@router.post("/policies/{policy_id}/publish", response_model=PolicyRead,
             summary="Publish the version (R7.4): it must set out every required part")
async def publish_policy(policy_id: str, body: PublishCreate, uow: Transaction,
                         principal: Staff) -> PolicyRead:
    """Publish the version as the LA's policy (R7.4); refused (422) unless it sets out every
    part the regulations require. The local offer shows it from the event this emits."""
    return policy_read(await service.publish(uow, principal, policy_id, body))


@router.get("/reports/scope", response_model=ScopeReport,
            summary="Scope year on year (R7.11): services and streams per version, budgets "
                    "agreed per year and their total")
async def scope_report(uow: Transaction, principal: Staff) -> ScopeReport:
    """How the policy's scope changed year on year (R7.11): services and funding streams per
    version, and the personal budgets agreed each year with their total."""
    return await service.scope_report(uow, principal.la_code)
