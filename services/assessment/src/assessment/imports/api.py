"""Router of legacy imports of existing plans."""

from __future__ import annotations

from fastapi import APIRouter, status

from assessment.imports import service
from assessment.imports.schemas import LegacyImportCreate, LegacyImportRead
from common.auth import LaStaff
from common.http import IdempotencyKeys, request_fingerprint
from common.idempotency import IdempotencyKey
from common.web import Runtime, Transaction

router = APIRouter(prefix="/v1", tags=["imports"])


@router.post("/legacy-imports", response_model=LegacyImportRead,
             status_code=status.HTTP_201_CREATED,
             summary="Bulk import existing plans (CSV or JSON), row by row; re-runs skip "
                     "rows already imported")
async def legacy_import(body: LegacyImportCreate,
                        uow: Transaction, runtime: Runtime, principal: LaStaff,
                        idempotency_key: IdempotencyKey = None) -> LegacyImportRead:
    """Existing plans from a legacy system, up to 50,000 rows, each validated on its own:
    a rejected row is reported with the fields at fault and the rest are imported; a row
    whose legacy reference was imported before is skipped. A row whose UPN and date of
    birth match a kept case puts its plan on that case; a UPN held by a case born on
    another day opens a new case without it, marked for a caseworker to reconcile. Each
    plan gets its annual review deadline (R3.1)."""
    fingerprint = request_fingerprint(body, "/v1/legacy-imports")
    keys = IdempotencyKeys(uow, principal, idempotency_key)
    result = await service.run_import(uow, runtime.deadlines, principal, body)
    if await keys.earlier_result(fingerprint) is None:
        await keys.remember(fingerprint, result.id)
    return result
