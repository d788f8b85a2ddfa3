"""Thin router of the import feature (LA staff)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from common.auth import LaStaff
from common.web import Runtime, Transaction
from localoffer.imports import service
from localoffer.imports.schemas import ImportReport
from localoffer.reading import bounded_body

router = APIRouter(prefix="/v1/local-offer/imports", tags=["imports"])
IMPORT_LIMIT_BYTES = 64 * 1024 * 1024


@router.post("", response_model=ImportReport,
             summary="Import an existing directory (ORUK JSON or ndjson, or CSV)")
async def import_directory(request: Request, principal: LaStaff, uow: Transaction,
                           runtime: Runtime,
                           format: Annotated[str, Query(pattern="^(json|ndjson|csv)$")]
                           ) -> ImportReport:
    """Import an existing directory from an ORUK feed (JSON or ndjson) or a CSV, with a report
    row by row; rows that fail are reported and nothing of them is written; running the same
    file again changes nothing. LA staff only."""
    limit = getattr(request.app.state, "import_limit_bytes", IMPORT_LIMIT_BYTES)
    body = await bounded_body(request, limit, "file")
    return await service.import_directory(uow, runtime.deadlines, principal, body, format)
