"""The request dependencies the routers share: the Idempotency-Key header and who may call."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header

from common.auth import LA_STAFF, Principal, require_roles

IdempotencyKey = Annotated[str | None, Header(alias="Idempotency-Key")]
StaffOrFamily = Annotated[Principal, Depends(require_roles(*LA_STAFF, "parent", "young_person"))]
StaffOrHealth = Annotated[Principal, Depends(require_roles(*LA_STAFF, "health"))]
Health = Annotated[Principal, Depends(require_roles("health"))]
