"""Routers for LA staff: the letters waiting for the print run, print runs (start one,
download it as one PDF), and marking letters printed and posted."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from common.auth import LaStaff
from common.web import Transaction
from notifications.domain.enums import LetterStatus
from notifications.domain.records import Letter, PrintRun
from notifications.letters import service
from notifications.letters.schemas import (
    LetterRead,
    LetterStatusUpdate,
    PrintRunRead,
    PrintRunSummary,
)

router = APIRouter(prefix="/v1/letters", tags=["notifications: letters"])

PDF: dict[int | str, dict[str, Any]] = {200: {"content": {"application/pdf": {
    "schema": {"type": "string", "format": "binary"},
    "example": "%PDF-1.4 … (the letter's bytes)"}}}}


def _letter(row: Letter) -> LetterRead:
    return LetterRead(delivery_id=row.delivery_id, case_id=row.case_id,
                      addressee=row.addressee, status=row.status,  # type: ignore[arg-type]
                      queued_at=row.queued_at, print_run_id=row.print_run_id,
                      printed_at=row.printed_at, posted_at=row.posted_at)


def _run(run: PrintRun, letters: list[Letter]) -> PrintRunRead:
    return PrintRunRead(id=run.id, created_at=run.created_at, created_by=run.created_by,
                        letters=[_letter(m) for m in letters])


def _pdf(content: bytes, name: str) -> Response:
    return Response(content, media_type="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="{name}.pdf"'})


@router.get("", response_model=list[LetterRead], summary="The LA's letters")
async def list_letters(uow: Transaction, principal: LaStaff,
                       status: Annotated[LetterStatus | None, Query(
                           description="only letters in this state")] = None,
                       ) -> list[LetterRead]:
    """Letters rendered for contacts who want post, oldest first: `queued` ones wait for
    the next print run."""
    return [_letter(r) for r in await service.letters(uow, principal.la_code, status)]


@router.get("/print-runs", response_model=list[PrintRunSummary], summary="The print runs")
async def list_print_runs(uow: Transaction, principal: LaStaff) -> list[PrintRunSummary]:
    """The LA's print runs, newest first."""
    return [PrintRunSummary(id=r.id, created_at=r.created_at, created_by=r.created_by)
            for r in await service.print_runs(uow, principal.la_code)]


@router.post("/print-runs", response_model=PrintRunRead, status_code=201,
             summary="Start a print run of the queued letters")
async def start_print_run(uow: Transaction, principal: LaStaff) -> PrintRunRead:
    """Put every queued letter that is in no print run yet into a new run (422 with rule
    `notifications.print-run-empty` when none is waiting). Download the run's PDF, print
    it, then mark the run printed and posted."""
    return _run(*await service.start_print_run(uow, principal))


@router.get("/print-runs/{run_id}", response_model=PrintRunRead, summary="One print run")
async def get_print_run(run_id: str, uow: Transaction, principal: LaStaff) -> PrintRunRead:
    """A print run and the state of each of its letters."""
    return _run(*await service.print_run(uow, principal.la_code, run_id))


@router.get("/print-runs/{run_id}/pdf", response_class=Response, responses=PDF,
            summary="Download a print run as one PDF")
async def print_run_pdf(run_id: str, uow: Transaction, principal: LaStaff) -> Response:
    """Every letter of the run in one PDF, in queue order, each starting on a new sheet
    when printed double-sided."""
    return _pdf(await service.print_run_pdf(uow, principal.la_code, run_id),
                f"print-run-{run_id}")


@router.put("/print-runs/{run_id}/status", response_model=PrintRunRead,
            summary="Mark a whole print run printed or posted")
async def mark_print_run(run_id: str, body: LetterStatusUpdate, uow: Transaction,
                         principal: LaStaff) -> PrintRunRead:
    """Marks each letter of the run that has not reached the status yet; a letter cannot
    be posted before it is printed (422, rule `notifications.letter-state`)."""
    return _run(*await service.mark_print_run(uow, principal.la_code, run_id,
                                              LetterStatus(body.status)))


@router.get("/{delivery_id}/pdf", response_class=Response, responses=PDF,
            summary="One letter as its accessible PDF")
async def letter_pdf(delivery_id: str, uow: Transaction, principal: LaStaff) -> Response:
    """The letter as it is printed: tagged PDF with the text in embedded Unicode fonts."""
    return _pdf(await service.letter_pdf(uow, principal.la_code, delivery_id),
                f"letter-{delivery_id}")


@router.put("/{delivery_id}/status", response_model=LetterRead,
            summary="Mark one letter printed or posted")
async def mark_letter(delivery_id: str, body: LetterStatusUpdate, uow: Transaction,
                      principal: LaStaff) -> LetterRead:
    """Queued, then printed, then posted: a step back or a skipped step is refused (422
    with rule `notifications.letter-state`)."""
    return _letter(await service.mark_letter(uow, principal.la_code, delivery_id,
                                             LetterStatus(body.status)))
