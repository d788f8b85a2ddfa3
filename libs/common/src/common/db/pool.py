"""A connection pool that neither hangs nor lingers through a database outage.

SQLAlchemy's queue pool parks a checkout that finds every slot taken on its queue until a
connection is returned or the pool timeout passes. When the database is unreachable the
slots are not taken by connections but by connect attempts that fail: each failure frees
its slot without putting anything on the queue, so the parked checkouts wake only at the
timeout — requests queued during an outage waited the full 30 s after the database came
back (issue 11). Here a parked checkout looks again every `RECHECK_S`: once a slot has
come free it makes the connection itself, so it fails at once while the database refuses
and succeeds within a fraction of a second of its return; the whole wait stays bounded by
the pool timeout."""

from __future__ import annotations

import time

from sqlalchemy import exc
from sqlalchemy.pool import AsyncAdaptedQueuePool, ConnectionPoolEntry
from sqlalchemy.util import queue as sqla_queue

RECHECK_S = 0.1


class PromptQueuePool(AsyncAdaptedQueuePool):
    """`AsyncAdaptedQueuePool` whose waiting checkouts look for a freed slot every
    `RECHECK_S` instead of sleeping until a connection is returned."""

    def _do_get(self) -> ConnectionPoolEntry:
        deadline = time.monotonic() + self._timeout
        while True:
            full = self._overflow >= self._max_overflow
            remaining = deadline - time.monotonic()
            try:
                return self._pool.get(full, max(min(RECHECK_S, remaining), 0.001))
            except sqla_queue.Empty:
                pass
            if self._inc_overflow():  # a slot is free: connect (or fail) now
                try:
                    return self._create_connection()
                except BaseException:
                    self._dec_overflow()
                    raise
            if time.monotonic() >= deadline:
                raise exc.TimeoutError(
                    f"no database connection came free within {self._timeout:g} s "
                    f"(pool of {self.size()})", code="3o7r")
