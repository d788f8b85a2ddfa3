"""Idempotency-Key on creating POSTs: the one helper every service uses.

A creating use case runs at most once per (principal, key). The key is claimed in the
request's own transaction before the use case runs, by inserting its row with
`ON CONFLICT DO NOTHING`:

- the first request inserts the row, runs the use case and records the created id; the
  claim, the creation and the id commit (or roll back) together;
- a repeat after that commit finds the row: with the same body it gets the first result,
  rebuilt by the caller's `load` from the recorded id; with another body a 422;
- a repeat sent while the first is still running blocks on the uncommitted row (a unique
  index wait on Postgres, the write lock on SQLite) until the first commits — then it is
  a repeat as above — or rolls back — then it claims the key itself. It never sees a
  half-made result and never answers 409.
"""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable
from typing import Annotated, Any, TypeVar

from fastapi import Header
from pydantic import BaseModel
from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite

from common.db.uow import UnitOfWork
from common.principal import Principal
from common.problems import Problem

Result = TypeVar("Result")

IdempotencyKey = Annotated[str | None, Header(
    alias="Idempotency-Key", description="send a creating request again safely: a repeat "
    "with the same key and body returns the first result")]

_UNSET = ""  # resource_id of a claim whose use case has not finished


def request_fingerprint(body: BaseModel, path: str) -> str:
    return hashlib.sha256(path.encode() + b"\0" + body.model_dump_json().encode()).hexdigest()


def principal_key(principal: Principal) -> str:
    return f"{principal.la_code}:{principal.subject}"


def check_key(key: str | None) -> None:
    if key is not None and not (1 <= len(key) <= 200):
        raise Problem(400, "Idempotency-Key must be 1-200 characters",
                      kind="bad-idempotency-key")


async def create_once(uow: UnitOfWork, principal: Principal, key: str | None, *,
                      body: BaseModel, path: str,
                      create: Callable[[], Awaitable[Result]],
                      id_of: Callable[[Result], str],
                      load: Callable[[str], Awaitable[Result]]) -> Result:
    """Run `create` once per Idempotency-Key inside `uow`'s transaction.

    `id_of` names the created resource in the result; `load` rebuilds the result from that
    id for a repeat (in the repeat's own transaction). Without a key, `create` just runs.
    """
    if key is None:
        return await create()
    check_key(key)
    fingerprint = request_fingerprint(body, path)
    owner = principal_key(principal)
    if not await _claim(uow, owner, key, fingerprint):
        return await load(await _earlier_id(uow, owner, key, fingerprint))
    result = await create()
    table = uow.tables.idempotency_record
    await uow.connection.execute(update(table).where(
        table.c.principal == owner, table.c.key == key).values(resource_id=id_of(result)))
    return result


async def _claim(uow: UnitOfWork, owner: str, key: str, fingerprint: str) -> bool:
    """Insert the key's row; False when it exists already (after waiting for the request
    that holds it uncommitted)."""
    table = uow.tables.idempotency_record
    dialect: Any = postgresql if uow.dialect_name == "postgresql" else sqlite
    statement = dialect.insert(table).values(
        principal=owner, key=key, request_hash=fingerprint, resource_id=_UNSET,
        created_at=uow.clock.now()).on_conflict_do_nothing().returning(table.c.key)
    return (await uow.connection.execute(statement)).first() is not None


async def _earlier_id(uow: UnitOfWork, owner: str, key: str, fingerprint: str) -> str:
    table = uow.tables.idempotency_record
    row = (await uow.connection.execute(select(table.c.request_hash, table.c.resource_id).where(
        table.c.principal == owner, table.c.key == key))).one()
    if row.request_hash != fingerprint:
        raise Problem(422, "This Idempotency-Key was used with a different request",
                      kind="idempotency-key-reused")
    return str(row.resource_id)
