"""Thin routers of the entries feature (staff and providers; the LA from the token)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, status
from pydantic import BaseModel

from common.auth import LA_STAFF, LaStaff, Principal, require_roles
from common.idempotency import IdempotencyKey, create_once
from common.web import Runtime, Transaction
from localoffer import examples as ex
from localoffer.domain.enums import DraftState
from localoffer.entries import service
from localoffer.entries.schemas import (
    ChangeRequest,
    DraftRead,
    EntryContent,
    EntryCreate,
    EntryRead,
    EntrySummary,
    EntryWorkingRead,
    VersionRead,
)
from localoffer.examples import page_of
from localoffer.reading import body_limit

ENTRY_BODY_LIMIT = 1024 * 1024  # a JSON entry is a few kB; larger bodies are refused (413)

router = APIRouter(prefix="/v1/local-offer/entries", tags=["entries"],
                   max_body_size=4 * ENTRY_BODY_LIMIT,
                   dependencies=[body_limit(ENTRY_BODY_LIMIT)])
Contributor = Annotated[Principal, Depends(require_roles("provider", *LA_STAFF))]
EntryId = Annotated[str, "the entry's UUID"]


class EntrySummaryPage(BaseModel):
    model_config = page_of(ex.SUMMARY)

    items: list[EntrySummary]
    total: int
    limit: int
    offset: int


@router.post("", response_model=DraftRead, status_code=status.HTTP_201_CREATED,
             summary="Draft a new entry (a provider for its own organisation, or LA staff)")
async def create_entry(body: EntryCreate, principal: Contributor, uow: Transaction,
                       key: IdempotencyKey = None) -> DraftRead:
    """Draft a new local offer entry: a provider for its own organisation only, or LA staff for
    any. The draft goes to LA review before anything is public."""
    return await create_once(
        uow, principal, key, body=body, path=router.prefix,
        create=lambda: service.create(uow, principal, body), id_of=lambda d: d.entry_id,
        load=lambda entry_id: service.draft_of(uow, principal, entry_id))


@router.get("", response_model=EntrySummaryPage, summary="Entries and drafts (review queue)")
async def list_entries(principal: Contributor, uow: Transaction,
                       draft_state: DraftState | None = None,
                       limit: Annotated[int, Query(ge=1, le=200)] = 50,
                       offset: Annotated[int, Query(ge=0)] = 0) -> EntrySummaryPage:
    """Entries and drafts of the caller's LA (a provider: its organisation's), optionally only
    drafts in one review state (`draft_state`): the LA's review queue."""
    items, total = await service.summaries(uow, principal, draft_state, offset, limit)
    return EntrySummaryPage(items=items, total=total, limit=limit, offset=offset)


@router.get("/{entry_id}", response_model=EntryWorkingRead,
            summary="The published entry and its draft")
async def get_entry(entry_id: EntryId, principal: Contributor,
                    uow: Transaction) -> EntryWorkingRead:
    """The published entry (if any) and its working draft."""
    return await service.working(uow, principal, entry_id)


@router.put("/{entry_id}/draft", response_model=DraftRead, summary="Write the draft")
async def write_draft(entry_id: EntryId, body: EntryContent, principal: Contributor,
                      uow: Transaction) -> DraftRead:
    """Replace the entry's draft content: checked against the rules (ages 0-25, postcodes in
    the directory, known taxonomy terms, RFC 5545 schedules); nothing is written when any
    field is refused."""
    return await service.update_draft(uow, principal, entry_id, body)


@router.post("/{entry_id}/submit", response_model=DraftRead,
             summary="Send the draft to the LA for review")
async def submit_draft(entry_id: EntryId, principal: Contributor,
                       uow: Transaction) -> DraftRead:
    """Send the draft to the LA for review."""
    return await service.submit(uow, principal, entry_id)


@router.post("/{entry_id}/request-changes", response_model=DraftRead,
             summary="Ask the author for changes (LA staff)")
async def request_changes(entry_id: EntryId, body: ChangeRequest, principal: LaStaff,
                          uow: Transaction) -> DraftRead:
    """LA staff send a submitted draft back to its author with what to change."""
    return await service.request_changes(uow, principal, entry_id, body.comment)


@router.post("/{entry_id}/publish", response_model=EntryRead,
             summary="Publish the draft as the entry's next version (LA staff)")
async def publish_entry(entry_id: EntryId, principal: LaStaff, uow: Transaction,
                        runtime: Runtime) -> EntryRead:
    """LA staff publish the draft as the entry's next version: it becomes searchable and is
    served over Open Referral UK; every version is kept and the 12-month review clock
    restarts."""
    return await service.publish(uow, runtime.deadlines, principal, entry_id)


@router.post("/{entry_id}/reviewed", response_model=EntryRead,
             summary="Record that the published entry was reviewed and still holds")
async def entry_reviewed(entry_id: EntryId, principal: LaStaff, uow: Transaction,
                         runtime: Runtime) -> EntryRead:
    """Record that the published entry was reviewed and still holds: the 12-month review clock
    restarts without a new version."""
    return await service.mark_reviewed(uow, runtime.deadlines, principal, entry_id)


@router.get("/{entry_id}/versions", response_model=list[VersionRead],
            summary="Every published version")
async def entry_versions(entry_id: EntryId, principal: Contributor,
                         uow: Transaction) -> list[VersionRead]:
    """Every published version of the entry, with who published it and when."""
    return await service.version_history(uow, principal, entry_id)
