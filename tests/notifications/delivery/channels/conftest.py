"""Fixtures for channel tests: serve an ASGI app on 127.0.0.1 with uvicorn, in-process."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import pytest
import uvicorn

# also available through the common.testing.plugin addopt; imported here so the tests run
# with `-o addopts=""` as well
from common.testing.smtp import smtp_server  # noqa: F401

ServeApp = Callable[[Any], Awaitable[str]]


class _LocalServers:
    def __init__(self) -> None:
        self._running: list[tuple[uvicorn.Server, asyncio.Task[None]]] = []

    async def serve(self, app: Any) -> str:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        config = uvicorn.Config(app, log_level="warning", lifespan="off", access_log=False)
        server = uvicorn.Server(config)
        task = asyncio.create_task(server.serve(sockets=[sock]))
        self._running.append((server, task))
        for _ in range(500):
            if server.started:
                return f"http://127.0.0.1:{port}"
            if task.done():
                task.result()
            await asyncio.sleep(0.01)
        raise RuntimeError("local server did not start")

    async def close(self) -> None:
        for server, _task in self._running:
            server.should_exit = True
        for server, task in self._running:
            try:
                await asyncio.wait_for(task, 10)
            except TimeoutError:
                server.force_exit = True
                task.cancel()


@pytest.fixture
async def serve_app() -> AsyncIterator[ServeApp]:
    """``base_url = await serve_app(app)`` runs ``app`` until the test ends."""
    servers = _LocalServers()
    try:
        yield servers.serve
    finally:
        await servers.close()


@pytest.fixture
async def http_client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient() as client:
        yield client
