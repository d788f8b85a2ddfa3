"""The ops endpoints every service carries: run the deadline sweep, list and replay dead
letters. An `ops` or `la_manager` token reaches its own LA's dead letters (the LA an event
carries in `lacode`); only a `platform_ops` token reaches every LA's, and the sweep, which
walks the deadlines of every LA at once."""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Path
from pydantic import BaseModel, Field

from common.auth import Ops, PlatformOps
from common.principal import PLATFORM_OPS, Principal
from common.problems import Problem
from common.web import Runtime

# Dead-letter ids are BIGINT: a larger one can name no row.
DeadLetterId = Annotated[int, Path(ge=1, le=2**63 - 1)]


class SweepRequest(BaseModel):
    as_of: date | None = Field(default=None, description="run the sweep as of this day "
                               "(dev/test only for a future day); default today")


class SweepResult(BaseModel):
    as_of: date
    emitted: int


class DeadLetterRead(BaseModel):
    id: int
    consumer: str
    topic: str
    event_id: str | None
    event_type: str | None
    error: str
    attempts: int


class ReplayResult(BaseModel):
    id: int
    outcome: str


def event_la_code(payload: str) -> str | None:
    """The LA a dead letter's event belongs to, if its payload says."""
    try:
        document = json.loads(payload)
    except ValueError:
        return None
    la_code = document.get("lacode") if isinstance(document, dict) else None
    return la_code if isinstance(la_code, str) else None


def may_handle(principal: Principal, letter: dict[str, Any]) -> bool:
    return PLATFORM_OPS in principal.roles \
        or event_la_code(letter["payload"]) == principal.la_code


def ops_router() -> APIRouter:
    router = APIRouter(prefix="/ops", tags=["ops"])

    @router.post("/deadlines/sweep", response_model=SweepResult)
    async def sweep(body: SweepRequest, runtime: Runtime, _: PlatformOps) -> SweepResult:
        today = runtime.clock.today()
        as_of = body.as_of or today
        if as_of > today and not runtime.settings.is_dev_or_test:
            raise Problem(422, "as_of may not be in the future outside dev and test",
                          kind="future-sweep")
        return SweepResult(as_of=as_of, emitted=await runtime.sweep(as_of))

    @router.get("/dead-letters", response_model=list[DeadLetterRead])
    async def dead_letters(runtime: Runtime, principal: Ops) -> list[DeadLetterRead]:
        if runtime.consumer is None:
            return []
        return [DeadLetterRead.model_validate(row) for row in
                await runtime.dead_letters().list() if may_handle(principal, row)]

    @router.post("/dead-letters/{dead_letter_id}/replay", response_model=ReplayResult)
    async def replay(dead_letter_id: DeadLetterId, runtime: Runtime,
                     principal: Ops) -> ReplayResult:
        missing = Problem(404, f"no dead letter {dead_letter_id}", kind="not-found")
        if runtime.consumer is None:
            raise missing
        store = runtime.dead_letters()
        letter = next((row for row in await store.list(include_replayed=True)
                       if row["id"] == dead_letter_id), None)
        if letter is None or not may_handle(principal, letter):
            raise missing
        try:
            outcome = await store.replay(dead_letter_id)
        except LookupError as exc:
            raise missing from exc
        return ReplayResult(id=dead_letter_id, outcome=outcome)

    return router
