"""What the mediation routers share: roles, Idempotency-Key, ETag and read models."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Header, Request
from pydantic import BaseModel

from common.auth import FAMILY, LA_STAFF, Principal, require_roles
from common.db.uow import UnitOfWork
from common.http import IdempotencyKeys, check_if_match, request_fingerprint
from common.web import Runtime
from mediation import clocks
from mediation.access import Act, load_case
from mediation.repository import Row
from mediation.schemas import CommissioningBody, MediationCaseRead

IdempotencyKey = Annotated[str | None, Header(alias="Idempotency-Key",
                                              description="repeat a create safely")]
Reader = Annotated[Principal, Depends(require_roles(*LA_STAFF, *FAMILY, "mediator"))]
Chooser = Annotated[Principal, Depends(require_roles(*LA_STAFF, *FAMILY))]
Mediating = Annotated[Principal, Depends(require_roles(*LA_STAFF, "mediator"))]


async def create_once(runtime: Runtime, principal: Principal, key: str | None,
                      body: BaseModel, path: str,
                      create: Callable[[UnitOfWork], Awaitable[str]]) -> str:
    """Run `create` once per Idempotency-Key; a repeat returns the first result's id."""
    fingerprint = request_fingerprint(body, path)
    async with runtime.unit_of_work() as uow:
        keys = IdempotencyKeys(uow, principal, key)
        found = await keys.earlier_result(fingerprint)
        if found is not None:
            return found
        new_id = await create(uow)
        await keys.remember(fingerprint, new_id)
        await uow.commit()
    return new_id


async def change_case(runtime: Runtime, request: Request, principal: Principal,
                      mediation_case_id: str,
                      change: Callable[[UnitOfWork], Awaitable[object]]) -> None:
    """Check If-Match against the case's version (412 when stale), then change and commit."""
    async with runtime.unit_of_work() as uow:
        row = await load_case(uow, principal, mediation_case_id, Act.READ)
        check_if_match(request, row["version"])
        await change(uow)
        await uow.commit()


def case_read(row: Row) -> MediationCaseRead:
    model = clocks.to_model(row, [])
    body = (CommissioningBody(org_code=row["commissioning_body_org_code"],
                              name=row["commissioning_body_name"])
            if row["commissioning_body_org_code"] else None)
    fields = {k: row[k] for k in MediationCaseRead.model_fields if k in row}
    return MediationCaseRead(**fields, information_missing=row["information_sent_on"] is None,
                             certificate_needed=clocks.certificate_needed(model),
                             commissioning_body=body)
