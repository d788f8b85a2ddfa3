"""Letters and print runs, always within the caller's LA. No commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from notifications.db import insert_for
from notifications.domain.enums import LetterStatus
from notifications.domain.records import Letter, PrintRun
from notifications.letters.tables import letter, print_run

_LISTED = [c for c in letter.c if c.name != "pdf"]


async def queue_letter(connection: AsyncConnection, values: dict[str, Any]) -> bool:
    """Queue a rendered letter for the print run; a second attempt at the same delivery
    (a resend after a lost claim) changes nothing. True if queued now."""
    result = await connection.execute(insert_for(connection)(letter).values(**values)
                                   .on_conflict_do_nothing(index_elements=[letter.c.delivery_id]))
    return bool(result.rowcount)


async def letters_of(connection: AsyncConnection, la_code: str, *, status: str | None = None,
                     print_run_id: str | None = None) -> list[Letter]:
    query = select(*_LISTED).where(letter.c.la_code == la_code)
    if status:
        query = query.where(letter.c.status == status)
    if print_run_id:
        query = query.where(letter.c.print_run_id == print_run_id)
    rows = (await connection.execute(query.order_by(letter.c.queued_at, letter.c.delivery_id))
            ).mappings().all()
    return [Letter.from_row(r) for r in rows]


async def letter_of(connection: AsyncConnection, la_code: str, delivery_id: str,
                    *, for_update: bool = False) -> Letter | None:
    query = select(*_LISTED).where(letter.c.la_code == la_code,
                                   letter.c.delivery_id == delivery_id)
    row = (await connection.execute(query.with_for_update() if for_update else query)
           ).mappings().one_or_none()
    return Letter.from_row(row) if row is not None else None


async def pdfs(connection: AsyncConnection,
               la_code: str, delivery_ids: Sequence[str]) -> list[bytes]:
    """The letters' PDFs in the order of ``delivery_ids``."""
    rows = dict((await connection.execute(select(letter.c.delivery_id, letter.c.pdf).where(
        letter.c.la_code == la_code, letter.c.delivery_id.in_(list(delivery_ids))))).all())
    return [bytes(rows[i]) for i in delivery_ids if i in rows]


async def unassigned_queued(connection: AsyncConnection, la_code: str) -> list[str]:
    """Queued letters not yet in a print run, oldest first, locked for the new run."""
    query = select(letter.c.delivery_id).where(
        letter.c.la_code == la_code, letter.c.status == LetterStatus.QUEUED.value,
        letter.c.print_run_id.is_(None)).order_by(letter.c.queued_at, letter.c.delivery_id)
    return list((await connection.execute(query.with_for_update())).scalars().all())


async def add_print_run(connection: AsyncConnection,
                        run: PrintRun, delivery_ids: Sequence[str]) -> None:
    await connection.execute(print_run.insert().values(
        id=run.id, la_code=run.la_code, created_at=run.created_at, created_by=run.created_by))
    await connection.execute(update(letter).where(letter.c.delivery_id.in_(list(delivery_ids)))
                          .values(print_run_id=run.id))


async def print_run_of(connection: AsyncConnection, la_code: str, run_id: str) -> PrintRun | None:
    row = (await connection.execute(select(print_run).where(
        print_run.c.la_code == la_code, print_run.c.id == run_id))).mappings().one_or_none()
    return PrintRun.from_row(row) if row is not None else None


async def print_runs_of(connection: AsyncConnection, la_code: str) -> list[PrintRun]:
    rows = (await connection.execute(select(print_run).where(print_run.c.la_code == la_code)
                                  .order_by(print_run.c.created_at.desc()))).mappings().all()
    return [PrintRun.from_row(r) for r in rows]


async def set_status(connection: AsyncConnection, la_code: str, delivery_ids: Sequence[str],
                     status: LetterStatus, stamp: str, now: datetime) -> None:
    await connection.execute(update(letter).where(
        letter.c.la_code == la_code, letter.c.delivery_id.in_(list(delivery_ids)))
        .values({"status": status.value, stamp: now}))
