"""The one seam every statement passes through: SQLAlchemy's cursor execution events on
the service's engine. The unit of work, the relay, consumers and the sweep all execute
through SQLAlchemy, so a listener here sees every statement they send.

At DEBUG level on the `sendsys.sql` logger each statement is logged with its duration,
the service and the request's correlation id (the JSON formatter adds them); otherwise the
seam costs two attribute checks per statement."""

from __future__ import annotations

import logging
import time
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

log = logging.getLogger("sendsys.sql")

_STARTED = "sendsys_started"


def _before(conn: Any, cursor: Any, statement: str, params: Any, context: Any,
            executemany: bool) -> None:
    if log.isEnabledFor(logging.DEBUG):
        conn.info[_STARTED] = time.perf_counter()


def _after(conn: Any, cursor: Any, statement: str, params: Any, context: Any,
           executemany: bool) -> None:
    started = conn.info.pop(_STARTED, None)
    if started is not None:
        log.debug("statement", extra={
            "sql": statement, "executemany": executemany,
            "duration_ms": round((time.perf_counter() - started) * 1000, 3)})


def install_statement_seam(engine: AsyncEngine) -> AsyncEngine:
    """Log and time every statement `engine` sends (at DEBUG on `sendsys.sql`)."""
    sync_engine = engine.sync_engine
    if not event.contains(sync_engine, "before_cursor_execute", _before):
        event.listen(sync_engine, "before_cursor_execute", _before)
        event.listen(sync_engine, "after_cursor_execute", _after)
    return engine
