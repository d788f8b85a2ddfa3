"""Serving with a clean exit: SIGTERM (or Ctrl-C) stops accepting, lets the requests in
flight finish, runs the service's shutdown (the runtime drains its workers: sends in
flight are recorded) and exits with status 0. uvicorn's own server re-raises the signal
once it has shut down, so the process died "killed by SIGTERM" (status 143) after a clean
stop, and an orchestrator recorded every deploy as a failure (issue 11)."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys
import threading
from collections.abc import Iterator, Sequence

import uvicorn

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
# how long a stop waits for requests in flight before it closes their connections
DRAIN_TIMEOUT_S = 20
STARTUP_FAILURE = 3  # uvicorn's status when a server cannot start (port taken, lifespan)


class DrainingServer(uvicorn.Server):
    """A uvicorn server that, stopped by a signal, drains and returns normally."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        previous = {sig: signal.signal(sig, self.handle_exit) for sig in STOP_SIGNALS}
        try:
            yield
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)


class SignalFreeServer(uvicorn.Server):
    """A server that leaves the signals to the process (several servers in one: the metrics
    port, `sendsys dev`): it is stopped by setting `should_exit`."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def config(app: object, **options: object) -> uvicorn.Config:
    options.setdefault("timeout_graceful_shutdown", DRAIN_TIMEOUT_S)
    return uvicorn.Config(app, **options)  # type: ignore[arg-type]


async def serve(main: uvicorn.Config, companions: Sequence[uvicorn.Config] = ()) -> bool:
    """Serve `main` (and its companions) until a stop signal; whether `main` started."""
    server = DrainingServer(main)
    others = [SignalFreeServer(companion) for companion in companions]
    tasks = [asyncio.create_task(other.serve()) for other in others]
    try:
        await server.serve()
    finally:
        for other in others:
            other.should_exit = True
        await asyncio.gather(*tasks, return_exceptions=True)
    return server.started


def run(main: uvicorn.Config, companions: Sequence[uvicorn.Config] = ()) -> None:
    """`serve` on uvicorn's event loop; exit 0 after a stop, 3 if the server never started."""
    with asyncio.Runner(loop_factory=main.get_loop_factory()) as runner:
        started = runner.run(serve(main, companions))
    if not started:
        sys.exit(STARTUP_FAILURE)
