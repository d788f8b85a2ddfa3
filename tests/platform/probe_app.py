"""A small service of the platform's own for testing what every service's routers rely on:
the request's `Transaction`, `create_once`, and the problem mapping. It runs on the
mediation service's database (its platform tables) and writes only its outbox: a
"probe note" is an event, and reading a note reads its outbox row back."""

from __future__ import annotations

import asyncio
import dataclasses
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy import func, select

from common.auth import LaStaff
from common.clock import FixedClock
from common.db.uow import UnitOfWork
from common.errors import NotFound, RuleViolation
from common.idempotency import IdempotencyKey, create_once
from common.runtime import ServiceRuntime
from common.settings import Settings
from common.web import Transaction, create_service_app
from sendsys.services import SPECS
from tests.harness import System

NOTE_CREATED = "probe.note.created"


class NoteCreate(BaseModel):
    text: str


class NoteRead(BaseModel):
    id: str
    text: str


@dataclass
class Gate:
    """Holds a create whose text is "hold" until released (two requests overlapping)."""

    entered: asyncio.Event = field(default_factory=asyncio.Event)
    release: asyncio.Event = field(default_factory=asyncio.Event)
    creates: int = 0
    after_write: Callable[[], Awaitable[None]] | None = None  # run before the handler returns


async def load_note(uow: UnitOfWork, note_id: str) -> NoteRead:
    outbox = uow.tables.outbox
    payload = await uow.connection.scalar(select(outbox.c.payload).where(
        outbox.c.event_id == note_id))
    if payload is None:
        raise NotFound(f"Note {note_id}")
    return NoteRead.model_validate(json.loads(payload)["data"])


def probe_router(gate: Gate) -> APIRouter:
    router = APIRouter(prefix="/probe")

    @router.post("/notes", status_code=201)
    async def create_note(body: NoteCreate, uow: Transaction, principal: LaStaff,
                          key: IdempotencyKey = None) -> NoteRead:
        async def create() -> NoteRead:
            gate.creates += 1
            if body.text == "hold":
                gate.entered.set()
                await gate.release.wait()
            if body.text == "refuse":
                await uow.flush_events()  # written in the transaction, then refused
                raise RuleViolation("R-probe", "notes saying 'refuse' are refused", "text")
            note = NoteRead(id=uow.new_id(), text=body.text)
            uow.emit(NOTE_CREATED, note, subject=f"note/{note.id}",
                     la_code=principal.la_code, event_id=note.id)
            await uow.flush_events()
            if gate.after_write is not None:
                await gate.after_write()
            return note

        return await create_once(uow, principal, key, body=body, path="/probe/notes",
                                 create=create, id_of=lambda note: note.id,
                                 load=lambda note_id: load_note(uow, note_id))

    @router.get("/notes/{note_id}")
    async def read_note(note_id: str, uow: Transaction, _: LaStaff) -> NoteRead:
        return await load_note(uow, note_id)

    @router.get("/notes/{note_id}/locked")
    async def read_note_locked(note_id: str, uow: Transaction, _: LaStaff) -> NoteRead:
        """The mistake the row-lock checks are there to catch: a read that locks."""
        outbox = uow.tables.outbox
        await uow.connection.execute(select(outbox.c.id).where(
            outbox.c.event_id == note_id).with_for_update())
        return await load_note(uow, note_id)

    return router


@dataclass
class Probe:
    runtime: ServiceRuntime
    client: httpx.AsyncClient
    gate: Gate
    headers: dict[str, str]

    async def notes(self) -> int:
        outbox = self.runtime.spec.tables.outbox
        async with self.runtime.engine.connect() as conn:
            return int(await conn.scalar(select(func.count()).where(
                outbox.c.event_type == NOTE_CREATED)) or 0)


def observed(app: Any, on_response_start: Any) -> Any:
    """`app` with `on_response_start()` awaited just before the response starts."""

    async def asgi(scope: dict[str, Any], receive: Any, send: Any) -> None:
        async def watching_send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start" and scope["type"] == "http":
                await on_response_start()
            await send(message)

        await app(scope, receive, watching_send)

    return asgi


@asynccontextmanager
async def probe(settings: Settings, clock: FixedClock, *,
                on_response_start: Any = None) -> AsyncIterator[Probe]:
    gate = Gate()
    spec = dataclasses.replace(SPECS["mediation"](), routers=[probe_router(gate)], handlers=None)
    runtime = ServiceRuntime(spec, settings, clock)
    app: Any = create_service_app(spec, settings, clock, runtime=runtime)
    if on_response_start is not None:
        app = observed(app, on_response_start)
    await runtime.start(background=False)
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                               base_url="http://probe.test")
    headers = System(settings, clock).token("la_caseworker")
    try:
        yield Probe(runtime, client, gate, headers)
    finally:
        await client.aclose()
        await runtime.stop()
