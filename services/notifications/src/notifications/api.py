"""Thin routers of the notifications service."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from common.auth import LaStaff
from common.web import Runtime
from notifications import repository
from notifications.schemas import DeliveryPage, DeliveryRead

router = APIRouter(prefix="/v1", tags=["notifications"])


@router.get("/deliveries", response_model=DeliveryPage, summary="The delivery log")
async def deliveries(runtime: Runtime, principal: LaStaff, case_id: str | None = None,
                     limit: Annotated[int, Query(ge=1, le=500)] = 50,
                     offset: Annotated[int, Query(ge=0)] = 0) -> DeliveryPage:
    async with runtime.unit_of_work() as uow:
        rows, total = await repository.deliveries_of_case(uow.session, principal.la_code,
                                                          case_id, limit, offset)
    return DeliveryPage(items=[DeliveryRead.model_validate(dict(r)) for r in rows],
                        total=total, limit=limit, offset=offset)
