"""Who may do what (ARCHITECTURE.md invariant 8), the request's transaction, and the
identifiers the features share. LA staff manage budgets of their LA; a family reads and
asks about its own case; a `provider` answers for its own setting (token `org` = URN)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from typing import Annotated

from fastapi import Depends, Query

from common.auth import FAMILY, LA_STAFF, Principal, require_roles
from common.db.uow import UnitOfWork
from common.problems import Problem, not_found
from common.web import Runtime

Staff = Annotated[Principal, Depends(require_roles(*LA_STAFF))]
StaffOrFamily = Annotated[Principal, Depends(require_roles(*LA_STAFF, *FAMILY))]
Provider = Annotated[Principal, Depends(require_roles("provider"))]
Anyone = Annotated[Principal, Depends(require_roles(*LA_STAFF, *FAMILY, "provider"))]
Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0)]


async def _transaction(runtime: Runtime) -> AsyncIterator[UnitOfWork]:
    """The request's one unit of work: committed after the handler returns and before the
    response goes; rolled back, nothing written, when the handler raises."""
    async with runtime.unit_of_work() as uow:
        yield uow
        if not uow._committed:  # noqa: SLF001
            await uow.commit()


Transaction = Annotated[UnitOfWork, Depends(_transaction, scope="function")]


def case_visible(principal: Principal, la_code: str, case_id: str, what: str) -> None:
    """A record of a case the caller may not see is 'not found' (invariant 8)."""
    if not principal.may_see_case(la_code, case_id):
        raise not_found(what)


def family_or_staff_of(principal: Principal, la_code: str, case_id: str, what: str) -> None:
    case_visible(principal, la_code, case_id, what)


def not_family(principal: Principal, what: str) -> None:
    if principal.is_family:
        raise Problem(403, f"Only LA staff may {what}", kind="forbidden-role")


def today_or(day: date | None, today: date) -> date:
    return day or today
