"""What every mediation router shares: the roles that may call it, the request's one
transaction, Idempotency-Key on creating POSTs, and paging parameters."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Annotated, TypeVar

from fastapi import Depends, Header, Query
from pydantic import BaseModel

from common.auth import FAMILY, LA_STAFF, Principal, require_roles
from common.db.uow import UnitOfWork
from common.http import IdempotencyKeys, request_fingerprint
from common.problems import Problem
from common.web import Runtime
from mediation.domain.errors import Conflict

Result = TypeVar("Result")

IdempotencyKey = Annotated[str | None, Header(alias="Idempotency-Key",
                                              description="repeat a create safely")]
Reader = Annotated[Principal, Depends(require_roles(*LA_STAFF, *FAMILY, "mediator"))]
Chooser = Annotated[Principal, Depends(require_roles(*LA_STAFF, *FAMILY))]
Mediating = Annotated[Principal, Depends(require_roles(*LA_STAFF, "mediator"))]
Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0)]


async def _request_unit_of_work(runtime: Runtime) -> AsyncIterator[UnitOfWork]:
    """The request's one transaction: committed after the handler returns and before the
    response is sent; rolled back when the handler raises."""
    async with runtime.unit_of_work() as uow:
        try:
            yield uow
        except Conflict as exc:
            raise Problem(409, exc.message, kind=exc.kind) from exc
        await uow.commit()


Transaction = Annotated[UnitOfWork, Depends(_request_unit_of_work, scope="function")]


async def create_once(uow: UnitOfWork, principal: Principal, key: str | None, *,
                      body: BaseModel, path: str,
                      create: Callable[[], Awaitable[Result]],
                      id_of: Callable[[Result], str],
                      load: Callable[[str], Awaitable[Result]]) -> Result:
    """Run `create` once per Idempotency-Key in `uow`'s transaction; a repeat gets the
    first result back, rebuilt by `load` from the id remembered with the key."""
    keys = IdempotencyKeys(uow, principal, key)
    fingerprint = request_fingerprint(body, path)
    found = await keys.earlier_result(fingerprint)
    if found is not None:
        return await load(found)
    result = await create()
    await keys.remember(fingerprint, id_of(result))
    return result


Model = TypeVar("Model", bound=BaseModel)


def read_model(model: type[Model], record: object) -> Model:
    """A response model from a typed record (a dataclass) of what the transaction wrote."""
    return model.model_validate(dataclasses.asdict(record))  # type: ignore[call-overload]
