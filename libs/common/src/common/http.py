"""HTTP conventions shared by every service's API: pages, ETag / If-Match on versioned
resources, and Idempotency-Key on creating POSTs."""

from __future__ import annotations

from typing import Annotated, Generic, TypeVar

from fastapi import Query, Request, Response
from pydantic import BaseModel
from sqlalchemy import insert, select

from common.auth import Principal
from common.db.uow import UnitOfWork
from common.idempotency import check_key, principal_key, request_fingerprint
from common.problems import Problem

__all__ = ["IdempotencyKeys", "Limit", "Offset", "Page", "check_if_match", "etag_for",
           "request_fingerprint", "set_etag"]

Item = TypeVar("Item")

# Paging bounds: OFFSET past the 32-bit range pages past any table we hold and a larger one
# overflowed the driver (500); a page holds at most 500 items.
OFFSET_MAX = 2**31 - 1
Offset = Annotated[int, Query(ge=0, le=OFFSET_MAX, description="items to skip")]
Limit = Annotated[int, Query(ge=1, le=500, description="items in the page")]


class Page(BaseModel, Generic[Item]):
    items: list[Item]
    total: int
    limit: int
    offset: int


def etag_for(version: int) -> str:
    return f'W/"{version}"'


def set_etag(response: Response, version: int) -> None:
    response.headers["ETag"] = etag_for(version)


def check_if_match(request: Request, current_version: int, *, required: bool = False) -> None:
    """Optimistic concurrency: refuse a change made against an older version (412), and
    when `required`, a change made without saying which version (428)."""
    header = request.headers.get("if-match")
    if header is None:
        if required:
            raise Problem(428, "Send If-Match with the ETag you read", kind="if-match-required")
        return
    wanted = {tag.strip() for tag in header.split(",")}
    if "*" not in wanted and etag_for(current_version) not in wanted \
            and f'"{current_version}"' not in wanted:
        raise Problem(412, "The resource has changed since you read it; read it again",
                      kind="version-mismatch", current_etag=etag_for(current_version))


class IdempotencyKeys:
    """The earlier form of `common.idempotency.create_once`, kept while services move
    over: a repeat after the first committed returns its id, but a repeat sent while the
    first is still running is not made to wait for it."""

    def __init__(self, uow: UnitOfWork, principal: Principal, key: str | None) -> None:
        self.uow = uow
        self.principal = principal_key(principal)
        self.key = key
        check_key(key)

    async def earlier_result(self, fingerprint: str) -> str | None:
        if self.key is None:
            return None
        table = self.uow.tables.idempotency_record
        row = (await self.uow.connection.execute(select(table).where(
            table.c.principal == self.principal, table.c.key == self.key))).one_or_none()
        if row is None:
            return None
        if row.request_hash != fingerprint:
            raise Problem(422, "This Idempotency-Key was used with a different request",
                          kind="idempotency-key-reused")
        return str(row.resource_id)

    async def remember(self, fingerprint: str, resource_id: str) -> None:
        if self.key is None:
            return
        await self.uow.connection.execute(insert(self.uow.tables.idempotency_record).values(
            principal=self.principal, key=self.key, request_hash=fingerprint,
            resource_id=resource_id, created_at=self.uow.clock.now()))
