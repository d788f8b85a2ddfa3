"""Who may do what with a mediation case (ARCHITECTURE.md invariant 8).

LA staff manage every case of their LA; a `mediator` (token `org` claim) sees and records
sessions, outcomes and certificates only for cases assigned to their organisation; a family
reads its own case and certificates and records its choice. A case the caller may not see is
"not found"; one they may see but not change is "forbidden"."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from common.auth import FAMILY, LA_STAFF, Principal
from common.db.uow import UnitOfWork
from common.problems import Problem, not_found
from mediation import repository
from mediation.repository import Row


class Act(StrEnum):
    READ = "read"
    CHOOSE = "choose"  # the family's choice
    MEDIATE = "mediate"  # sessions, outcomes, certificates
    MANAGE = "manage"


def _assigned(principal: Principal, row: Row) -> bool:
    org = principal.org_code
    return principal.has_any(("mediator",)) and bool(org) and org in (
        row["mediator_org_code"], row["adviser_org_code"])


def _family(principal: Principal, row: Row) -> bool:
    return principal.has_any(FAMILY) and row["case_id"] in principal.case_ids


def may(principal: Principal, row: Row, act: Act) -> bool:
    if row["la_code"] != principal.la_code:
        return False
    if principal.has_any(LA_STAFF):
        return True
    if act is Act.READ:
        return _assigned(principal, row) or _family(principal, row)
    if act is Act.CHOOSE:
        return _family(principal, row)
    if act is Act.MEDIATE:
        return _assigned(principal, row)
    return False


async def load_case(uow: UnitOfWork, principal: Principal, mediation_case_id: str,
                    act: Act = Act.READ) -> Row:
    row = await repository.get(uow.session, principal.la_code, mediation_case_id)
    if row is None or not may(principal, row, Act.READ):
        raise not_found(f"Mediation case {mediation_case_id}")
    if not may(principal, row, act):
        raise Problem(403, f"Your role may not {act.value} this mediation case",
                      kind="forbidden-role")
    return row


def not_future(day: date, today: date, field: str) -> None:
    """A step cannot be recorded as done on a day that has not yet come."""
    if day > today:
        raise Problem(422, f"{field} {day} is in the future", kind="future-date",
                      errors=[{"field": field, "message": "in the future"}])
