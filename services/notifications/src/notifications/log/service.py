"""Use cases of the delivery log and the caseworker inbox. Who may read what is decided
here from the principal; the queries themselves always filter by the caller's LA."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from common.db.uow import UnitOfWork
from common.errors import NotFound
from common.principal import Principal
from notifications.domain.enums import Audience, Channel
from notifications.domain.records import Delivery
from notifications.log import reports, repository


@dataclass(frozen=True)
class LogQuery:
    case_id: str | None = None
    channel: str | None = None
    status: str | None = None


def log_conditions(principal: Principal, query: LogQuery) -> list[Any]:
    """Families: what was sent to them on their own cases; LA staff: the LA's log (the
    router lets no one else in)."""
    if principal.is_family:
        if query.case_id is not None and query.case_id not in principal.case_ids:
            raise NotFound("The case")
        return repository.log_filter(principal.la_code, case_id=query.case_id,
                                     audience=Audience.FAMILY, channel=query.channel,
                                     status=query.status, case_ids=sorted(principal.case_ids))
    return repository.log_filter(principal.la_code, case_id=query.case_id,
                                 channel=query.channel, status=query.status)


async def delivery_log(uow: UnitOfWork, principal: Principal, query: LogQuery, limit: int,
                       offset: int) -> tuple[list[Delivery], int]:
    return await repository.page(uow.connection, log_conditions(principal, query), limit, offset)


async def inbox(uow: UnitOfWork, principal: Principal, unread_only: bool, limit: int,
                offset: int) -> tuple[list[Delivery], int, int]:
    rows, total = await repository.page(uow.connection, repository.inbox_filter(
        principal.la_code, principal.subject, unread_only), limit, offset)
    unread = await repository.count(uow.connection, repository.inbox_filter(
        principal.la_code, principal.subject, True))
    return rows, total, unread


async def mark(uow: UnitOfWork, principal: Principal, item_id: str, read: bool) -> None:
    row = await repository.get_in_la(uow.connection, principal.la_code, item_id)
    if row is None or row.channel != Channel.IN_APP or row.recipient != principal.subject:
        raise NotFound("The inbox item")
    await repository.set_read(uow.connection, item_id, uow.clock.now() if read else None)


async def report(uow: UnitOfWork, principal: Principal) -> reports.DeliverySnapshot:
    return await reports.snapshot(uow.connection, principal.la_code, uow.clock.now())
