"""Routers of cases: open one, find them, read one, replace its contacts, reconcile one
marked `needs_reconciliation`."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response, status

from assessment.cases import reconciliation, repository, rules, service
from assessment.cases.schemas import (
    CaseCreate,
    CasePage,
    CaseRead,
    CaseSummaryRead,
    ContactRead,
    ContactsUpdate,
    ReconciliationCreate,
)
from assessment.deps import StaffOrFamily
from assessment.domain.model import CaseSearch, CaseStage, DeadlineKind
from assessment.domain.records import CaseRecord
from common.auth import CurrentPrincipal, LaStaff, Principal
from common.bounds import EARLIEST_DATE, LATEST_DATE
from common.db.uow import UnitOfWork
from common.http import check_if_match, set_etag
from common.idempotency import IdempotencyKey, create_once
from common.web import Transaction

router = APIRouter(prefix="/v1", tags=["cases"])


async def case_read(uow: UnitOfWork, found: CaseRecord) -> CaseRead:
    contacts = await repository.contacts_of(uow.connection, found.id)
    has_plan = await repository.has_active_plan(uow.connection, found.id)
    standing = rules.standing(found.date_of_birth, uow.clock.today(), has_plan)
    fields = asdict(found)
    return CaseRead(**{k: fields[k] for k in CaseRead.model_fields if k in fields},
                    year_group=standing.year_group, is_young_person=standing.is_young_person,
                    has_plan=has_plan, early_education_from=standing.early_education_from,
                    contacts=[ContactRead.model_validate(c, from_attributes=True)
                              for c in contacts])


async def _read(uow: UnitOfWork, principal: Principal, case_id: str) -> CaseRead:
    return await case_read(uow, await service.load_case(uow, principal, case_id))


@router.post("/cases", response_model=CaseRead, status_code=status.HTTP_201_CREATED,
             summary="Open a case for a child or young person")
async def open_case(body: CaseCreate, uow: Transaction, principal: LaStaff,
                    idempotency_key: IdempotencyKey = None) -> CaseRead:
    """Open a case for a child or young person newly known to the LA. Refused with 409
    (naming `existing_case_id`) when the LA keeps this child already: the same NHS number,
    UPN or ULN, or the same name and date of birth unless `different_child` is sent. The
    date of birth may not be in the future; from the 25th birthday a case is opened only
    with `request_received_on` before it (R1.2) or `plan_maintained` (R4.4). Publishes
    `send.assessment.case.opened.v1`. An `Idempotency-Key` makes a retry return the case
    first made."""

    async def create() -> CaseRead:
        return await _read(uow, principal, await service.open_case(uow, principal, body))

    return await create_once(uow, principal, idempotency_key, body=body, path="/v1/cases",
                             create=create, id_of=lambda read: read.id,
                             load=lambda case_id: _read(uow, principal, case_id))


@router.get("/cases", response_model=CasePage, summary="Find a child: search the LA's cases")
async def find_cases(
        uow: Transaction, principal: StaffOrFamily,
        name: Annotated[str | None, Query(max_length=200, description=(
            "words of the given or family name; each is a prefix of a word of either, "
            "ignoring case and accents ('oka' finds Okafor, 'zoe' finds Zoë)"))] = None,
        date_of_birth: Annotated[date | None, Query(ge=EARLIEST_DATE, le=LATEST_DATE)] = None,
        upn: Annotated[str | None, Query(max_length=20)] = None,
        uln: Annotated[str | None, Query(max_length=20)] = None,
        nhs_number: Annotated[str | None, Query(max_length=20)] = None,
        caseworker_id: Annotated[str | None, Query(max_length=100)] = None,
        team: Annotated[str | None, Query(max_length=100)] = None,
        stage: Annotated[CaseStage | None, Query(
            description="a request in this status, or a plan drafted, maintained, ceased")
        ] = None,
        open_deadline_kind: Annotated[DeadlineKind | None, Query(
            description="cases with an open deadline of this kind")] = None,
        has_open_deadlines: bool | None = None,
        overdue: Annotated[bool | None, Query(
            description="true: an open deadline is past its day; false: one is not")] = None,
        needs_reconciliation: bool | None = None,
        limit: Annotated[int, Query(ge=1, le=200)] = 50,
        offset: Annotated[int, Query(ge=0, le=100_000)] = 0) -> CasePage:
    """Cases of the caller's LA matching every filter given, by family name then given
    name, a page at a time. Identifiers match exactly (spaces in an NHS number and the case
    of a UPN do not matter). `needs_reconciliation=true` lists the cases a caseworker still
    has to reconcile. A case merged into another is not listed (the case it was merged into
    is). LA staff search the whole LA; a parent or young person finds only the cases their
    token names."""
    query = CaseSearch(name=name, date_of_birth=date_of_birth,
                       upn=upn.strip().upper() if upn else None,
                       uln=uln.strip() if uln else None,
                       nhs_number=nhs_number.replace(" ", "") if nhs_number else None,
                       caseworker_id=caseworker_id, team=team, stage=stage,
                       open_deadline_kind=open_deadline_kind,
                       has_open_deadlines=has_open_deadlines, overdue=overdue,
                       needs_reconciliation=needs_reconciliation)
    found, total = await service.search_cases(uow, principal, query, limit=limit,
                                              offset=offset)
    cap = repository.SEARCH_COUNT_CAP
    return CasePage(items=[CaseSummaryRead(**asdict(c)) for c in found],
                    total=min(total, cap), total_is_exact=total <= cap, total_cap=cap,
                    limit=limit, offset=offset)


@router.get("/cases/{case_id}", response_model=CaseRead, summary="Read a case")
async def read_case(case_id: str, uow: Transaction, principal: CurrentPrincipal,
                    response: Response) -> CaseRead:
    """A case of the caller's LA (LA staff) or the family's own case, with its year group
    and standing today; the `ETag` header is the version a change must match. A case
    reconciled as the same child as another is still read (200), with `merged_into_case_id`
    naming the case that now holds every record of the child (and `merged_on`), as a record
    replaced by another is kept readable in a case-management system; changing it is refused
    with 409 `case-merged` naming that case."""
    read = await _read(uow, principal, case_id)
    set_etag(response, read.version)
    return read


@router.put("/cases/{case_id}/contacts", response_model=CaseRead,
            summary="Replace the contacts (If-Match the case's ETag; 412 when stale)")
async def change_contacts(case_id: str, body: ContactsUpdate, uow: Transaction,
                          principal: LaStaff, request: Request, response: Response) -> CaseRead:
    """Replace every contact of the case (send `If-Match` with the case's ETag: 412 when
    another change came first). Publishes `send.assessment.contacts.changed.v1`."""
    found = await service.load_case(uow, principal, case_id, for_update=True)
    check_if_match(request, found.version)
    await service.change_contacts(uow, found, body)
    read = await _read(uow, principal, case_id)
    set_etag(response, read.version)
    return read


RECONCILE_RESPONSES: dict[int | str, dict[str, Any]] = {
    409: {"description": "`nothing-to-reconcile` (the case is not marked), "
          "`conflict` (an identifier given is held by `existing_case_id`), "
          "`kept-case-elsewhere` or `kept-case-merged` (the case to merge into is another "
          "LA's, or itself merged), `request-collision` (both cases hold a request of the "
          "same kind received the same day: `collisions`), `two-plans` (both keep a plan), "
          "`case-merged` (this case was merged already)"},
    412: {"description": "the case changed since its ETag was read"},
    428: {"description": "no If-Match sent"}}


@router.post("/cases/{case_id}/reconciliation", response_model=CaseRead,
             responses=RECONCILE_RESPONSES,
             summary="Reconcile a case marked needs_reconciliation (If-Match its ETag)")
async def reconcile_case(case_id: str, body: ReconciliationCreate, uow: Transaction,
                         principal: LaStaff, request: Request, response: Response) -> CaseRead:
    """A caseworker's answer for a case opened from a health notification (R1.15) or an
    import that may be a child the LA keeps. Send `If-Match` with the case's ETag (428
    without, 412 when stale).

    - `different_child`: the mark is cleared and the corrected `identifiers` given are
      recorded (checked as when a case is opened: 409 naming `existing_case_id` when another
      case holds one); the timeline notes `case.reconciled`.
    - `same_child`: every record of this case (requests, their deadlines, advice, plans,
      reviews, the timeline …) moves to `reconcile_with_case_id`, which takes the
      identifiers and contacts it lacked (publishing
      `send.assessment.contacts.changed.v1` when contacts were added); this case is closed
      with `merged_into_case_id`. Refused (409) when that case is merged itself, or when
      both cases hold a request of the same kind received the same day or both keep a plan.

    Answers with this case as it now is."""
    found = await service.load_case(uow, principal, case_id, for_update=True)
    check_if_match(request, found.version, required=True)
    await reconciliation.reconcile(uow, principal, found, body)
    read = await _read(uow, principal, case_id)
    set_etag(response, read.version)
    return read
