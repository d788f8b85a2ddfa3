"""The request's one unit of work, committed after the handler returns and before the
response is sent (STYLE.md practice 2). Mirrors `common.web.Transaction` (issue 9); when
that reaches main this module becomes a re-export of it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends

from common.db.uow import UnitOfWork
from common.web import Runtime


async def request_unit_of_work(runtime: Runtime) -> AsyncIterator[UnitOfWork]:
    async with runtime.unit_of_work() as uow:
        yield uow
        if not getattr(uow, "_committed", False):
            await uow.commit()


Transaction = Annotated[UnitOfWork, Depends(request_unit_of_work, scope="function")]
