"""Routers for EHC plans: draft, comments, school requests, final issue, versions, HTML,
export and import."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response, status
from fastapi.responses import HTMLResponse

from assessment import plan_documents, service_plans, service_transfers
from assessment import repository_lifecycle as repo
from assessment.api import IdempotencyKey
from assessment.casework import load_case
from assessment.schemas_plans import (
    CommentCreate,
    CommentRead,
    ConsultationCreate,
    ConsultationReply,
    DraftCreate,
    FinalCreate,
    PlanExport,
    PlanImport,
    PlanRead,
    PlanVersionRead,
    SchoolRequestCreate,
    SchoolRequestRead,
)
from assessment.tables_lifecycle import plan, plan_comment, plan_version, school_request
from common.auth import LA_STAFF, CurrentPrincipal, LaStaff, Principal, require_roles
from common.http import (
    IdempotencyKeys,
    check_if_match,
    etag_for,
    request_fingerprint,
    set_etag,
)
from common.problems import not_found
from common.web import Runtime

router = APIRouter(prefix="/v1", tags=["plans"])
Family = Annotated[Principal, Depends(require_roles(*LA_STAFF, "parent", "young_person"))]


async def _plan_read(runtime: Runtime, principal: Principal, plan_id: str,
                     response: Response | None = None) -> PlanRead:
    async with runtime.unit_of_work() as uow:
        rows = await repo.rows(uow.session, plan, id=plan_id)
        if not rows or rows[0]["la_code"] != principal.la_code:
            raise not_found(f"Plan {plan_id}")
        await load_case(uow, principal, rows[0]["case_id"])
        current = await repo.version(uow.session, plan_id, rows[0]["current_version"])
    row = rows[0]
    if response is not None:
        set_etag(response, row["version"])
    return PlanRead(**{k: row[k] for k in PlanRead.model_fields if k in row},
                    current=PlanVersionRead.model_validate(dict(current or {})))


@router.post("/requests/{request_id}/plans", response_model=PlanRead,
             status_code=status.HTTP_201_CREATED,
             summary="Serve the draft plan (R1.12): section I blank, 15 days to comment")
async def draft_plan(request_id: str, body: DraftCreate, runtime: Runtime, principal: LaStaff,
                     response: Response, idempotency_key: IdempotencyKey = None) -> PlanRead:
    fingerprint = request_fingerprint(body, f"/v1/requests/{request_id}/plans")
    async with runtime.unit_of_work() as uow:
        keys = IdempotencyKeys(uow, principal, idempotency_key)
        plan_id = await keys.earlier_result(fingerprint)
        if plan_id is None:
            plan_id = await service_plans.draft_plan(uow, runtime.deadlines, principal,
                                                     request_id, body)
            await keys.remember(fingerprint, plan_id)
            await uow.commit()
    return await _plan_read(runtime, principal, plan_id, response)


@router.get("/plans/{plan_id}", response_model=PlanRead)
async def read_plan(plan_id: str, runtime: Runtime, principal: CurrentPrincipal,
                    response: Response) -> PlanRead:
    return await _plan_read(runtime, principal, plan_id, response)


@router.get("/plans/{plan_id}/versions", response_model=list[PlanVersionRead],
            summary="Every version of the plan, drafts and finals (versions are kept)")
async def plan_versions(plan_id: str, runtime: Runtime,
                        principal: CurrentPrincipal) -> list[PlanVersionRead]:
    await _plan_read(runtime, principal, plan_id)
    async with runtime.unit_of_work() as uow:
        rows = await repo.rows(uow.session, plan_version, "number", plan_id=plan_id)
    return [PlanVersionRead.model_validate(dict(r)) for r in rows]


@router.post("/plans/{plan_id}/final", response_model=PlanRead,
             summary="Issue the final (or final amended) plan (R1.14, R3.5); If-Match honoured")
async def issue_final(plan_id: str, body: FinalCreate, runtime: Runtime, principal: LaStaff,
                      request: Request, response: Response) -> PlanRead:
    async with runtime.unit_of_work() as uow:
        row, _ = await service_plans.load_plan(uow, principal, plan_id)
        check_if_match(request, row["version"])
        await service_plans.issue_final(uow, runtime.deadlines, principal, plan_id, body)
        await uow.commit()
    return await _plan_read(runtime, principal, plan_id, response)


@router.post("/plans/{plan_id}/amendments", response_model=PlanRead,
             status_code=status.HTTP_201_CREATED,
             summary="Send proposed amendments (R3.5): 15 days to comment, final in 8 weeks")
async def draft_amendment(plan_id: str, body: DraftCreate, runtime: Runtime,
                          principal: LaStaff, response: Response) -> PlanRead:
    async with runtime.unit_of_work() as uow:
        await service_plans.draft_amendment(uow, runtime.deadlines, principal, plan_id, body)
        await uow.commit()
    return await _plan_read(runtime, principal, plan_id, response)


@router.post("/plans/{plan_id}/comments", response_model=CommentRead,
             status_code=status.HTTP_201_CREATED,
             summary="Comment on a draft (families on their own case, or staff)")
async def add_comment(plan_id: str, body: CommentCreate, runtime: Runtime,
                      principal: Family) -> CommentRead:
    async with runtime.unit_of_work() as uow:
        comment_id = await service_plans.add_comment(uow, principal, plan_id, body)
        await uow.commit()
        rows = await repo.rows(uow.session, plan_comment, id=comment_id)
    return CommentRead.model_validate(dict(rows[0]))


@router.get("/plans/{plan_id}/comments", response_model=list[CommentRead])
async def list_comments(plan_id: str, runtime: Runtime,
                        principal: CurrentPrincipal) -> list[CommentRead]:
    await _plan_read(runtime, principal, plan_id)
    async with runtime.unit_of_work() as uow:
        rows = await repo.rows(uow.session, plan_comment, "received_on", plan_id=plan_id)
    return [CommentRead.model_validate(dict(r)) for r in rows]


async def _school_read(runtime: Runtime, school_request_id: str) -> SchoolRequestRead:
    async with runtime.unit_of_work() as uow:
        rows = await repo.rows(uow.session, school_request, id=school_request_id)
    return SchoolRequestRead.model_validate(dict(rows[0]))


@router.post("/plans/{plan_id}/school-requests", response_model=SchoolRequestRead,
             status_code=status.HTTP_201_CREATED,
             summary="Request a particular school or college (R1.12, R1.13)")
async def request_school(plan_id: str, body: SchoolRequestCreate, runtime: Runtime,
                         principal: Family) -> SchoolRequestRead:
    async with runtime.unit_of_work() as uow:
        school_request_id = await service_plans.request_school(uow, principal, plan_id, body)
        await uow.commit()
    return await _school_read(runtime, school_request_id)


@router.post("/school-requests/{school_request_id}/consultation",
             response_model=SchoolRequestRead,
             summary="Consult the school (R1.13): it should reply within 15 days")
async def consult_school(school_request_id: str, body: ConsultationCreate, runtime: Runtime,
                         principal: LaStaff) -> SchoolRequestRead:
    async with runtime.unit_of_work() as uow:
        await service_plans.consult_school(uow, runtime.deadlines, principal,
                                           school_request_id, body)
        await uow.commit()
    return await _school_read(runtime, school_request_id)


@router.post("/school-requests/{school_request_id}/reply", response_model=SchoolRequestRead)
async def school_reply(school_request_id: str, body: ConsultationReply, runtime: Runtime,
                       principal: LaStaff) -> SchoolRequestRead:
    async with runtime.unit_of_work() as uow:
        await service_plans.record_school_reply(uow, runtime.deadlines, principal,
                                                school_request_id, body)
        await uow.commit()
    return await _school_read(runtime, school_request_id)


@router.get("/plans/{plan_id}/html", response_class=HTMLResponse,
            summary="The plan as an accessible HTML page (?version=n for an earlier one)")
async def plan_html(plan_id: str, runtime: Runtime, principal: CurrentPrincipal,
                    version: int | None = None) -> HTMLResponse:
    read = await _plan_read(runtime, principal, plan_id)
    async with runtime.unit_of_work() as uow:
        case_row = await load_case(uow, principal, read.case_id)
        row = await repo.version(uow.session, plan_id, version or read.current_version)
    if row is None:
        raise not_found(f"Version {version} of plan {plan_id}")
    html = plan_documents.render_html(case_row, row)
    return HTMLResponse(html, headers={"ETag": etag_for(read.version)})


@router.get("/plans/{plan_id}/export", response_model=PlanExport,
            summary="The portable plan (R2.4, R3.9) for the family's new LA")
async def export_plan(plan_id: str, runtime: Runtime, principal: LaStaff) -> PlanExport:
    await _plan_read(runtime, principal, plan_id)
    async with runtime.unit_of_work() as uow:
        return await service_transfers.export_plan(uow, principal, plan_id)


@router.post("/plans/import", response_model=PlanRead, status_code=status.HTTP_201_CREATED,
             summary="Import an incoming plan (R3.9): 6-week decision, review date set")
async def import_plan(body: PlanImport, runtime: Runtime, principal: LaStaff,
                      response: Response, idempotency_key: IdempotencyKey = None) -> PlanRead:
    fingerprint = request_fingerprint(body, "/v1/plans/import")
    async with runtime.unit_of_work() as uow:
        keys = IdempotencyKeys(uow, principal, idempotency_key)
        plan_id = await keys.earlier_result(fingerprint)
        if plan_id is None:
            plan_id = await service_transfers.import_plan(uow, runtime.deadlines, principal,
                                                          body)
            await keys.remember(fingerprint, plan_id)
            await uow.commit()
    return await _plan_read(runtime, principal, plan_id, response)


@router.post("/plans/{plan_id}/drafts", response_model=PlanRead,
             status_code=status.HTTP_201_CREATED,
             summary="Serve the draft EHC plan of a transfer review (R5.1, R1.12), or a "
                     "revised draft before finalising (R1.12): a new version with 15 days "
                     "to comment (R0.3)")
async def draft_transfer_plan(plan_id: str, body: DraftCreate, runtime: Runtime,
                              principal: LaStaff, response: Response) -> PlanRead:
    async with runtime.unit_of_work() as uow:
        await service_plans.serve_draft(uow, principal, plan_id, body)
        await uow.commit()
    return await _plan_read(runtime, principal, plan_id, response)
