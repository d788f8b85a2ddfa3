"""Rendering an LA's own template in a worker process, never on the event loop.

The worker bounds each render: a CPU-time timer (ITIMER_PROF: it counts the process's CPU,
not the wall clock) raises inside the render; the kernel's RLIMIT_CPU, set a little above
it for every task, ends the process if a render could not be interrupted; the recursion
depth and the output size are capped. A dead worker is replaced on the next render."""

from __future__ import annotations

import asyncio
import math
import multiprocessing
import resource
import signal
import sys
import threading
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from types import FrameType
from typing import Any

from notifications.planning.templates import (
    DefaultTemplate,
    RenderedMessage,
    RenderLimitExceeded,
    TemplateRenderError,
    render_template,
)

#: frames a render may use in the worker (Jinja needs a few per macro call)
RECURSION_LIMIT = 400
_pool: ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()


class _CpuTimeUp(Exception):
    pass


def _on_cpu_limit(signum: int, frame: FrameType | None) -> None:
    raise _CpuTimeUp


def _start_worker() -> None:
    sys.setrecursionlimit(RECURSION_LIMIT)
    signal.signal(signal.SIGPROF, _on_cpu_limit)


def _cpu_used_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _render_in_worker(subject: str, body: str, context: dict[str, Any], cpu_s: float,
                      max_chars: int) -> tuple[str, str, str]:
    """("ok", subject, text), or ("limit" | "error", why, ""); runs in the worker."""
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    soft = math.ceil(_cpu_used_s() + cpu_s) + 2
    resource.setrlimit(resource.RLIMIT_CPU, (soft if hard < 0 else min(soft, hard), hard))
    signal.setitimer(signal.ITIMER_PROF, cpu_s)
    try:
        message = render_template(DefaultTemplate(subject, body), context, max_chars=max_chars)
        return "ok", message.subject, message.text
    except _CpuTimeUp:
        return "limit", f"template used more than {cpu_s:g} s of CPU", ""
    except RenderLimitExceeded as exc:
        return "limit", str(exc), ""
    except TemplateRenderError as exc:
        return "error", str(exc), ""
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)


def _executor() -> ProcessPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(max_workers=1, initializer=_start_worker,
                                        mp_context=multiprocessing.get_context("spawn"))
        return _pool


def _discard(pool: ProcessPoolExecutor) -> None:
    global _pool
    with _pool_lock:
        if _pool is pool:
            _pool = None
    pool.shutdown(wait=False, cancel_futures=True)


async def render_untrusted(template: DefaultTemplate, context: Mapping[str, Any], *,
                           cpu_s: float, max_chars: int) -> RenderedMessage:
    """Render an LA template in the worker process; TemplateRenderError if it fails or
    runs past a limit (RenderLimitExceeded)."""
    pool = _executor()
    loop = asyncio.get_running_loop()
    try:
        kind, first, text = await asyncio.wait_for(loop.run_in_executor(
            pool, _render_in_worker, template.subject, template.text, dict(context), cpu_s,
            max_chars), timeout=cpu_s * 4 + 10)
    except (BrokenProcessPool, TimeoutError) as exc:
        _discard(pool)
        raise RenderLimitExceeded(f"template rendering was stopped ({type(exc).__name__})") \
            from exc
    if kind == "limit":
        raise RenderLimitExceeded(first)
    if kind == "error":
        raise TemplateRenderError(first)
    return RenderedMessage(first, text)


def shutdown() -> None:
    """Stop the worker process (tests, process exit)."""
    global _pool
    with _pool_lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)
