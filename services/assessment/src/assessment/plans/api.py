"""Routers of EHC plans: the draft and its revisions, comments, school requests, the final
and amended plan, versions and the HTML rendering."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, Request, Response, status
from fastapi.responses import HTMLResponse

from assessment.deps import StaffOrFamily
from assessment.domain.deadline_names import deadline_label
from assessment.domain.errors import NotFound
from assessment.domain.records import PlanRecord
from assessment.plans import consultation, documents, repository, service
from assessment.plans.schemas import (
    CommentCreate,
    CommentRead,
    ConsultationCreate,
    ConsultationReply,
    DraftCreate,
    FinalCreate,
    PlanDeadlineRead,
    PlanRead,
    PlanVersionRead,
    SchoolRequestCreate,
    SchoolRequestRead,
)
from common.auth import CurrentPrincipal, LaStaff, Principal
from common.db.uow import UnitOfWork
from common.http import check_if_match, etag_for, set_etag
from common.idempotency import IdempotencyKey, create_once
from common.web import Runtime, Transaction

router = APIRouter(prefix="/v1", tags=["plans"])


async def plan_read(uow: UnitOfWork, found: PlanRecord) -> PlanRead:
    current = await service.current_version(uow, found)
    fields = asdict(found)
    deadlines = await repository.open_deadlines_of_plan(uow.connection, found.case_id, found.id)
    return PlanRead(**{k: fields[k] for k in PlanRead.model_fields if k in fields},
                    current=PlanVersionRead.model_validate(asdict(current) if current else {}),
                    deadlines=[PlanDeadlineRead(kind=d.kind, label=deadline_label(d.kind),
                                                due_on=d.due_on, status=d.status,
                                                closed_on=d.closed_on) for d in deadlines])


async def read_visible(uow: UnitOfWork, principal: Principal, plan_id: str) -> PlanRead:
    """The plan as its reader sees it, without locking it."""
    found, _ = await service.load_plan(uow, principal, plan_id, for_update=False)
    return await plan_read(uow, found)


def _with_etag(read: PlanRead, response: Response) -> PlanRead:
    set_etag(response, read.version)
    return read


@router.post("/requests/{request_id}/plans", response_model=PlanRead,
             status_code=status.HTTP_201_CREATED,
             summary="Serve the draft plan (R1.12): section I blank, 15 days to comment")
async def draft_plan(request_id: str, body: DraftCreate,
                     uow: Transaction, runtime: Runtime, principal: LaStaff,
                     response: Response, idempotency_key: IdempotencyKey = None) -> PlanRead:
    """Serve the draft EHC plan after an assessment (R1.12): sections A-K as the family will
    see them, with section I left blank. The family has at least 15 days beginning with
    the day of service to comment, ask for a school or college and ask for a meeting
    (R0.3); that window is kept as the `draft_comments_close` deadline and returned in
    `deadlines`. Drafting settles the 16-week no-plan question (R1.11). Every problem
    with the plan is one entry of `errors[]` naming the rule and the field sent."""
    async def create() -> PlanRead:
        plan_id = await service.draft_plan(uow, runtime.deadlines, principal, request_id, body)
        return await read_visible(uow, principal, plan_id)

    return _with_etag(await create_once(
        uow, principal, idempotency_key, body=body, path=f"/v1/requests/{request_id}/plans",
        create=create, id_of=lambda read: read.id,
        load=lambda plan_id: read_visible(uow, principal, plan_id)), response)


@router.get("/plans/{plan_id}", response_model=PlanRead)
async def read_plan(plan_id: str, uow: Transaction, principal: CurrentPrincipal,
                    response: Response) -> PlanRead:
    """The plan, its current version and its open statutory deadlines with their names (the
    comment window, an amendment's due date, the next review, a phase transfer).
    Families see only their own child's plan. The ETag is the plan's version, for If-
    Match on the final."""
    return _with_etag(await read_visible(uow, principal, plan_id), response)


@router.get("/plans/{plan_id}/versions", response_model=list[PlanVersionRead],
            summary="Every version of the plan, drafts and finals (versions are kept)")
async def plan_versions(plan_id: str, uow: Transaction,
                        principal: CurrentPrincipal) -> list[PlanVersionRead]:
    """Every version of the plan, drafts and finals, oldest first: versions are never
    overwritten."""
    await service.load_plan(uow, principal, plan_id, for_update=False)
    found = await repository.versions_of(uow.connection, plan_id)
    return [PlanVersionRead.model_validate(v, from_attributes=True) for v in found]


@router.post("/plans/{plan_id}/final", response_model=PlanRead,
             summary="Issue the final (or final amended) plan (R1.14, R3.5); If-Match honoured")
async def issue_final(plan_id: str, body: FinalCreate,
                      uow: Transaction, runtime: Runtime, principal: LaStaff,
                      request: Request, response: Response) -> PlanRead:
    """Issue the final plan (R1.14), or the final amended plan (R3.5), no earlier than the day
    after the comment window closes (R0.3). The final plan is the latest draft plus what
    this request changes: send section I (the school or other institution, or its type)
    and only the sections, lists or flags that differ from the draft. Each problem is
    one entry of `errors[]` with the rule, the field as sent and the reason. Closes the
    plan's clocks, starts the annual review clock on a first issue (R3.1) and publishes
    plan.issued and the appealable decision (B, F and I). If-Match is honoured."""
    found, case_row = await service.load_plan(uow, principal, plan_id)
    check_if_match(request, found.version)
    await service.issue_final(uow, runtime.deadlines, found, case_row, body)
    read = await read_visible(uow, principal, plan_id)
    return _with_etag(read, response)


@router.post("/plans/{plan_id}/amendments", response_model=PlanRead,
             status_code=status.HTTP_201_CREATED,
             summary="Send proposed amendments (R3.5): 15 days to comment, final in 8 weeks")
async def draft_amendment(plan_id: str, body: DraftCreate, uow: Transaction, runtime: Runtime,
                          principal: LaStaff, response: Response) -> PlanRead:
    """Send proposed amendments to an issued plan (R3.5) with at least 15 days for the family
    to comment (R0.3). The final amended plan is due within 8 weeks of them (within 12
    weeks of a review meeting that decided to amend); both that date
    (`amended_plan_due`) and the comment window (`draft_comments_close`) are returned in
    `deadlines`."""
    await service.draft_amendment(uow, runtime.deadlines, principal, plan_id, body)
    read = await read_visible(uow, principal, plan_id)
    return _with_etag(read, response)


@router.post("/plans/{plan_id}/drafts", response_model=PlanRead,
             status_code=status.HTTP_201_CREATED,
             summary="Serve the draft EHC plan of a transfer review (R5.1, R1.12), or a "
                     "revised draft before finalising (R1.12): a new version with 15 days "
                     "to comment (R0.3)")
async def serve_draft(plan_id: str, body: DraftCreate, uow: Transaction, runtime: Runtime,
                      principal: LaStaff, response: Response) -> PlanRead:
    """Serve the first draft of a transfer review's plan (R5.1, R1.12), or a revised draft
    before the final (R1.12): a new version with section I blank, whose 15-day comment
    window starts afresh from its service (R0.3) and replaces the previous draft's in
    `deadlines`."""
    await service.serve_draft(uow, runtime.deadlines, principal, plan_id, body)
    read = await read_visible(uow, principal, plan_id)
    return _with_etag(read, response)


@router.post("/plans/{plan_id}/comments", response_model=CommentRead,
             status_code=status.HTTP_201_CREATED,
             summary="Comment on a draft (families on their own case, or staff)")
async def add_comment(plan_id: str, body: CommentCreate, uow: Transaction,
                      principal: StaffOrFamily) -> CommentRead:
    """The family's (or staff's) comments on the current draft, optionally on one section, and
    whether they want a meeting (R1.12)."""
    comment = await consultation.add_comment(uow, principal, plan_id, body)
    return CommentRead.model_validate(comment, from_attributes=True)


@router.get("/plans/{plan_id}/comments", response_model=list[CommentRead])
async def list_comments(plan_id: str, uow: Transaction,
                        principal: CurrentPrincipal) -> list[CommentRead]:
    """Every comment made on the plan's drafts, with the version each was made on."""
    await service.load_plan(uow, principal, plan_id, for_update=False)
    found = await repository.comments_of(uow.connection, plan_id)
    return [CommentRead.model_validate(c, from_attributes=True) for c in found]


@router.post("/plans/{plan_id}/school-requests", response_model=SchoolRequestRead,
             status_code=status.HTTP_201_CREATED,
             summary="Request a particular school or college (R1.12, R1.13)")
async def request_school(plan_id: str, body: SchoolRequestCreate, uow: Transaction,
                         principal: StaffOrFamily) -> SchoolRequestRead:
    """The family asks for a particular school or college to be named in section I (R1.12); the
    LA then consults it (R1.13)."""
    school = await consultation.request_school(uow, principal, plan_id, body)
    return SchoolRequestRead.model_validate(school, from_attributes=True)


@router.post("/school-requests/{school_request_id}/consultation",
             response_model=SchoolRequestRead,
             summary="Consult the school (R1.13): it should reply within 15 days")
async def consult_school(school_request_id: str, body: ConsultationCreate,
                         uow: Transaction, runtime: Runtime,
                         principal: LaStaff) -> SchoolRequestRead:
    """Consult the requested school or college about being named (R1.13): it should reply
    within 15 days, kept as the `school_consultation_reply` deadline."""
    school = await consultation.consult_school(uow, runtime.deadlines, principal,
                                               school_request_id, body)
    return SchoolRequestRead.model_validate(school, from_attributes=True)


@router.post("/school-requests/{school_request_id}/reply", response_model=SchoolRequestRead)
async def school_reply(school_request_id: str, body: ConsultationReply,
                       uow: Transaction, runtime: Runtime,
                       principal: LaStaff) -> SchoolRequestRead:
    """Record the school's or college's reply to the consultation (R1.13); closes its reply
    deadline."""
    school = await consultation.record_school_reply(uow, runtime.deadlines, principal,
                                                    school_request_id, body)
    return SchoolRequestRead.model_validate(school, from_attributes=True)


@router.get("/plans/{plan_id}/html", response_class=HTMLResponse,
            responses={200: {"content": {"text/html": {"example": (
                "<!doctype html><html lang=\"en\"><head><title>EHC plan</title></head><body>"
                "<h1>Education, health and care plan</h1><h2>Section A</h2>"
                "<p>Amara loves drawing.</p></body></html>")}}}},
            summary="The plan as an accessible HTML page (?version=n for an earlier one)")
async def plan_html(plan_id: str, uow: Transaction, principal: CurrentPrincipal,
                    version: int | None = None) -> HTMLResponse:
    """The plan as an accessible HTML page, each section separately labelled (R2.1);
    `?version=n` shows an earlier version."""
    found, case_row = await service.load_plan(uow, principal, plan_id, for_update=False)
    shown = await repository.version(uow.connection, plan_id,
                                     version or found.current_version)
    if shown is None:
        raise NotFound(f"Version {version} of plan {plan_id}")
    return HTMLResponse(documents.render_html(case_row, shown),
                        headers={"ETag": etag_for(found.version)})
