"""Public reads (search, ORUK, completeness): a plain connection, no unit of work, no
outbox: nothing is written. And bounded request bodies for uploads."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import Depends, Request

from common.web import Runtime
from localoffer.errors import TooLarge


async def read_connection(runtime: Runtime) -> AsyncIterator[Any]:
    """A connection in autocommit: a public read is one statement for its page (and one
    or two for the page's parts), so it needs no BEGIN and ROLLBACK round trips."""
    async with runtime.engine.connect() as conn:
        yield await conn.execution_options(isolation_level="AUTOCOMMIT")


ReadConnection = Annotated[Any, Depends(read_connection)]


async def bounded_body(request: Request, limit_bytes: int, field: str = "body") -> bytes:
    """The request body, refused (413) as soon as it passes `limit_bytes` (a declared
    Content-Length over the limit is refused before reading)."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit_bytes:
        raise TooLarge(limit_bytes, field)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit_bytes:
            raise TooLarge(limit_bytes, field)
        chunks.append(chunk)
    return b"".join(chunks)


def body_limit(limit_bytes: int) -> Any:
    """A router dependency refusing (413, as a problem) a JSON body over `limit_bytes`:
    by its declared length, else once read. Pair it with the router's `max_body_size` set
    higher, which stops an undeclared (chunked) body while it streams in."""

    async def check(request: Request) -> None:
        declared = request.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit_bytes:
            raise TooLarge(limit_bytes)
        if request.method in ("POST", "PUT", "PATCH") and \
                len(await request.body()) > limit_bytes:
            raise TooLarge(limit_bytes)

    return Depends(check)
