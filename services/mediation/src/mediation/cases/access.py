"""Who may do what with a mediation case (ARCHITECTURE.md invariant 8).

LA staff manage every case of their LA; a `mediator` (token `org` claim) sees and records
sessions, outcomes and certificates only for cases assigned to their organisation; a family
reads its own case and certificates and records its choice. A case the caller may not see is
"not found"; one they may see but not change is "forbidden"."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from common.principal import FAMILY, LA_STAFF, Principal
from mediation.domain.errors import Forbidden, InvalidField, NotFound
from mediation.domain.records import CaseRecord


class Act(StrEnum):
    READ = "read"
    CHOOSE = "choose"  # the family's choice
    MEDIATE = "mediate"  # sessions, outcomes, certificates
    MANAGE = "manage"


def _assigned(principal: Principal, case: CaseRecord) -> bool:
    org = principal.org_code
    return principal.has_any(("mediator",)) and bool(org) and org in (
        case.mediator_org_code, case.adviser_org_code)


def _family(principal: Principal, case: CaseRecord) -> bool:
    return principal.has_any(FAMILY) and case.case_id in principal.case_ids


def may(principal: Principal, case: CaseRecord, act: Act) -> bool:
    if case.la_code != principal.la_code:
        return False
    if principal.has_any(LA_STAFF):
        return True
    if act is Act.READ:
        return _assigned(principal, case) or _family(principal, case)
    if act is Act.CHOOSE:
        return _family(principal, case)
    if act is Act.MEDIATE:
        return _assigned(principal, case)
    return False


def check_access(principal: Principal, case: CaseRecord | None, mediation_case_id: str,
                 act: Act = Act.READ) -> CaseRecord:
    """The case when `principal` may `act` on it: 404 when they may not see it, 403 when
    they may see but not `act`."""
    if case is None or not may(principal, case, Act.READ):
        raise NotFound(f"Mediation case {mediation_case_id}")
    if not may(principal, case, act):
        raise Forbidden(f"Your role may not {act.value} this mediation case")
    return case


def not_future(day: date, today: date, field: str) -> None:
    """A step cannot be recorded as done on a day that has not yet come."""
    if day > today:
        raise InvalidField(field, f"{field} {day} is in the future", kind="future-date")
