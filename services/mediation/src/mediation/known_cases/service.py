"""Use cases of the known cases: learn a case from an event; require a case named by a
write to be known in the caller's LA. No commits."""

from __future__ import annotations

from common.db.uow import UnitOfWork
from common.errors import NotFound

from . import repository


async def learn(uow: UnitOfWork, case_id: str, la_code: str) -> None:
    """An assessment event about `case_id` came from `la_code` (idempotent)."""
    await repository.remember(uow.connection, case_id, la_code, uow.clock.now())


async def require_in_la(uow: UnitOfWork, la_code: str, case_id: str) -> None:
    """Refuse a case not known in `la_code`: another LA's case answers exactly as an
    unknown one does (404), so a write reveals nothing across LAs."""
    if await repository.la_of(uow.connection, case_id) != la_code:
        raise NotFound(f"Case {case_id}")
