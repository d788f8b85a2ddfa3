"""In-process wake-ups: a commit rings the relay, a relay rings the embedded consumers.
Only a latency shortcut: every listener also polls, so a missed ring costs one poll interval."""

from __future__ import annotations

import asyncio
from collections import defaultdict

_bells: defaultdict[str, set[asyncio.Event]] = defaultdict(set)


def ring(channel: str) -> None:
    for bell in list(_bells.get(channel, ())):
        bell.set()


class Listener:
    """Clear before looking for work; wait after finding none. A ring in between is kept."""

    def __init__(self, *channels: str) -> None:
        self.channels = channels
        self.bell = asyncio.Event()
        for channel in channels:
            _bells[channel].add(self.bell)

    def clear(self) -> None:
        self.bell.clear()

    async def wait(self, timeout_s: float) -> None:
        try:
            await asyncio.wait_for(self.bell.wait(), timeout_s)
        except TimeoutError:
            pass

    def close(self) -> None:
        for channel in self.channels:
            _bells[channel].discard(self.bell)
