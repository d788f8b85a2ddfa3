"""Thin router of the completeness feature: the LA's Schedule 2 report (staff) and the
same figures for the public overview."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request

from common.auth import LaStaff
from localoffer.completeness import service
from localoffer.completeness.schemas import CompletenessRead
from localoffer.reading import ReadConnection

router = APIRouter(prefix="/v1", tags=["completeness"])
LaCode = Annotated[str, Path(pattern=r"^\d{3}$", description="the LA's three-digit code")]


@router.get("/local-offer/completeness", response_model=CompletenessRead,
            summary="Schedule 2 completeness of the LA's published offer (R8.1, R8.2)")
async def completeness(principal: LaStaff, conn: ReadConnection,
                       request: Request) -> CompletenessRead:
    """Schedule 2 completeness of the caller's LA's published offer (R8.1, R8.2): each heading
    the regulations require, the entries that satisfy it, the headings still empty, and the
    share complete."""
    return await service.report(conn, principal.la_code,
                                request.app.state.runtime.clock.today())


@router.get("/local-offers/{la_code}/completeness", response_model=CompletenessRead,
            summary="The same report for the public Schedule 2 overview")
async def public_completeness(la_code: LaCode, conn: ReadConnection,
                              request: Request) -> CompletenessRead:
    """The Schedule 2 completeness report for the public overview page, no account."""
    return await service.report(conn, la_code, request.app.state.runtime.clock.today())
