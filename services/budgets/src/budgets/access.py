"""Who may do what (ARCHITECTURE.md invariant 8), and the request's transaction. LA staff
manage the budgets of their LA; a family reads and asks about its own case; a `provider`
answers for its own setting (its token's `org` is the setting's URN)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query

from common.auth import require_roles
from common.principal import FAMILY, LA_STAFF, Principal
from common.web import Transaction

__all__ = ["Anyone", "Limit", "Offset", "Provider", "Staff", "StaffOrFamily", "Transaction"]

Staff = Annotated[Principal, Depends(require_roles(*LA_STAFF))]
StaffOrFamily = Annotated[Principal, Depends(require_roles(*LA_STAFF, *FAMILY))]
Provider = Annotated[Principal, Depends(require_roles("provider"))]
Anyone = Annotated[Principal, Depends(require_roles(*LA_STAFF, *FAMILY, "provider"))]
Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0)]
