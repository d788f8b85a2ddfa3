"""The request-scoped unit of work: the one commit point of every write.

``Transaction`` opens a unit of work for the handler, commits it after the handler
returns and before the response is sent (``scope="function"``), and rolls it back on
any error; domain errors become RFC 9457 problems here. Routers and use cases never
commit. (The platform's ``common.web.Transaction`` takes its place when it lands.)"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends

from common.db.uow import UnitOfWork
from common.problems import Problem
from common.web import Runtime
from notifications.domain.errors import DomainError


def problem_for(error: DomainError) -> Problem:
    extra = {"errors": [{"field": error.field, "message": error.message}]} \
        if error.field else {}
    if error.rule:
        extra["rule"] = error.rule  # type: ignore[assignment]
    return Problem(error.status, error.message, kind=error.kind, **extra)


async def _transaction(runtime: Runtime) -> AsyncIterator[UnitOfWork]:
    async with runtime.unit_of_work() as uow:
        try:
            yield uow
        except DomainError as exc:
            raise problem_for(exc) from exc
        await uow.commit()


Transaction = Annotated[UnitOfWork, Depends(_transaction, scope="function")]


async def _reading(runtime: Runtime) -> AsyncIterator[UnitOfWork]:
    async with runtime.unit_of_work() as uow:
        try:
            yield uow
        except DomainError as exc:
            raise problem_for(exc) from exc


#: a unit of work for a GET: nothing is written, nothing committed, no row locked
Reading = Annotated[UnitOfWork, Depends(_reading, scope="function")]
