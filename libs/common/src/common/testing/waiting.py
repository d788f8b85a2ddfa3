"""`eventually`: wait for something that happens in the background (a relay pass, a
consumer, a delivery worker) instead of a hand-written polling loop."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Callable
from typing import TypeVar

Value = TypeVar("Value")


async def eventually(predicate: Callable[[], Awaitable[Value] | Value], *,
                     timeout: float = 20.0,  # noqa: ASYNC109 - a deadline, not a cancel
                     interval: float = 0.02,
                     message: str = "the condition never held") -> Value:
    """Call `predicate` (plain or async) until it returns something truthy, and return
    that; raise AssertionError(`message`) if it has not by `timeout` seconds. An exception
    from `predicate` propagates at once."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        value = predicate()
        if inspect.isawaitable(value):
            value = await value
        if value:
            return value
        if loop.time() >= deadline:
            raise AssertionError(f"{message} (waited {timeout:g} s)")
        await asyncio.sleep(interval)
