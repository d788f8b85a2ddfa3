"""Who may call: the role dependencies the routers share."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from common.auth import LA_STAFF, Principal, require_roles

StaffOrFamily = Annotated[Principal, Depends(require_roles(*LA_STAFF, "parent", "young_person"))]
StaffOrHealth = Annotated[Principal, Depends(require_roles(*LA_STAFF, "health"))]
Health = Annotated[Principal, Depends(require_roles("health"))]
