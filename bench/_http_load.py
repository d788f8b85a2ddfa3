"""A lean HTTP/1.1 load generator for the benchmarks: keep-alive connections on raw asyncio
streams, the request bytes built once per call, the response read by its Content-Length.

httpx costs a few milliseconds of CPU per request, and on a 2-CPU machine the load
generator shares the cores with the service and Postgres: a heavy client would measure
itself. pgbench, the yardstick, is C; this is the closest a Python driver gets.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Reply:
    status: int
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


class KeepAliveConnection:
    """One HTTP/1.1 connection, one request at a time."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, method: str, path: str, headers: dict[str, str],
                      body: bytes = b"") -> Reply:
        if self.writer is None or self.reader is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}",
                 f"Content-Length: {len(body)}"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        length = 0
        close = False
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            lowered = name.strip().lower()
            if lowered == b"content-length":
                length = int(value)
            elif lowered == b"connection" and value.strip().lower() == b"close":
                close = True
        payload = await self.reader.readexactly(length) if length else b""
        if close:
            await self.close()
        return Reply(status, payload)

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            await self.writer.wait_closed()
        self.reader = self.writer = None


@dataclass
class LoadResult:
    elapsed_s: float
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    client_cpu_s: float = 0.0


async def keep_in_flight(host: str, port: int, concurrency: int, seconds: float,
                         next_request: Callable[[], tuple[str, str, bytes] | None],
                         headers: dict[str, str]) -> LoadResult:
    """Keep `concurrency` requests in flight for `seconds`, each from `next_request()`
    (method, path, body), until the time is up or it returns None."""
    result = LoadResult(elapsed_s=0.0)
    stop_at = time.perf_counter() + seconds
    headers = {"Content-Type": "application/json", **headers}

    async def worker() -> None:
        connection = KeepAliveConnection(host, port)
        try:
            while time.perf_counter() < stop_at:
                call = next_request()
                if call is None:
                    result.errors.append("ran out of requests to make")
                    return
                method, path, body = call
                started = time.perf_counter()
                try:
                    reply = await connection.request(method, path, headers, body)
                except (OSError, asyncio.IncompleteReadError) as exc:
                    result.errors.append(repr(exc))
                    await connection.close()
                    continue
                result.latencies.append(time.perf_counter() - started)
                result.statuses[reply.status] = result.statuses.get(reply.status, 0) + 1
        finally:
            await connection.close()

    cpu_before = time.process_time()
    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    result.elapsed_s = time.perf_counter() - started
    result.client_cpu_s = time.process_time() - cpu_before
    return result


def requests_from(paths: Iterator[str], body: dict[str, Any]
                  ) -> Callable[[], tuple[str, str, bytes] | None]:
    """POST the same JSON body to each path in turn."""
    encoded = json.dumps(body).encode()

    def next_request() -> tuple[str, str, bytes] | None:
        path = next(paths, None)
        return None if path is None else ("POST", path, encoded)
    return next_request
