"""Use cases of letters: list them, read one, start a print run of the queued ones and
download it, mark letters (or a whole run) printed and posted. Always in the caller's
LA. No commits."""

from __future__ import annotations

import asyncio
import uuid

from common.db.uow import UnitOfWork
from common.errors import NotFound, RuleViolation
from common.principal import Principal
from notifications.domain.enums import LetterStatus
from notifications.domain.errors import PRINT_RUN_EMPTY
from notifications.domain.records import Letter, PrintRun
from notifications.letters import repository, rules
from notifications.letters.render import combine

ORDER = list(LetterStatus)


async def letters(uow: UnitOfWork, la_code: str, status: LetterStatus | None) -> list[Letter]:
    return await repository.letters_of(uow.connection, la_code,
                                       status=status.value if status else None)


async def letter_pdf(uow: UnitOfWork, la_code: str, delivery_id: str) -> bytes:
    found = await repository.pdfs(uow.connection, la_code, [delivery_id])
    if not found:
        raise NotFound(f"Letter {delivery_id}")
    return found[0]


async def start_print_run(uow: UnitOfWork, principal: Principal) -> tuple[PrintRun, list[Letter]]:
    """Put every queued letter that is in no run yet into a new print run."""
    waiting = await repository.unassigned_queued(uow.connection, principal.la_code)
    if not waiting:
        raise RuleViolation(PRINT_RUN_EMPTY, "No letters are waiting for a print run")
    run = PrintRun(str(uuid.uuid4()), principal.la_code, uow.clock.now(), principal.subject)
    await repository.add_print_run(uow.connection, run, waiting)
    return run, await repository.letters_of(uow.connection, run.la_code, print_run_id=run.id)


async def print_run(uow: UnitOfWork, la_code: str, run_id: str) -> tuple[PrintRun, list[Letter]]:
    run = await repository.print_run_of(uow.connection, la_code, run_id)
    if run is None:
        raise NotFound(f"Print run {run_id}")
    return run, await repository.letters_of(uow.connection, la_code, print_run_id=run_id)


async def print_runs(uow: UnitOfWork, la_code: str) -> list[PrintRun]:
    return await repository.print_runs_of(uow.connection, la_code)


async def print_run_pdf(uow: UnitOfWork, la_code: str, run_id: str) -> bytes:
    _, members = await print_run(uow, la_code, run_id)
    documents = await repository.pdfs(uow.connection, la_code, [m.delivery_id for m in members])
    return await asyncio.to_thread(combine, documents)


async def mark_letter(uow: UnitOfWork, la_code: str, delivery_id: str,
                      status: LetterStatus) -> Letter:
    found = await repository.letter_of(uow.connection, la_code, delivery_id, for_update=True)
    if found is None:
        raise NotFound(f"Letter {delivery_id}")
    if rules.decide_letter_status(found.delivery_id, found.status, status):
        await repository.set_status(uow.connection, la_code, [delivery_id], status,
                                    rules.stamp_column(status), uow.clock.now())
    marked = await repository.letter_of(uow.connection, la_code, delivery_id)
    assert marked is not None
    return marked


async def mark_print_run(uow: UnitOfWork, la_code: str, run_id: str,
                         status: LetterStatus) -> tuple[PrintRun, list[Letter]]:
    """Mark every letter of the run that has not reached ``status`` yet (a letter marked
    on its own before keeps its mark)."""
    _, members = await print_run(uow, la_code, run_id)
    behind = [m for m in members if ORDER.index(LetterStatus(m.status)) < ORDER.index(status)]
    for member in behind:
        rules.decide_letter_status(member.delivery_id, member.status, status)
    if behind:
        await repository.set_status(uow.connection, la_code, [m.delivery_id for m in behind],
                                    status, rules.stamp_column(status), uow.clock.now())
    return await print_run(uow, la_code, run_id)
