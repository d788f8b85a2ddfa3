"""Telling a lost or unreachable database apart from a bug: the former is a 503 the client
may retry (with its Idempotency-Key), the latter a 500."""

from __future__ import annotations

import asyncpg
from sqlalchemy import exc as sa

# raised as they are (not wrapped by SQLAlchemy) when a connection cannot be made or is lost
_DRIVER_ERRORS: tuple[type[Exception], ...] = (
    asyncpg.PostgresConnectionError,    # refused by the server, or it is shutting down
    asyncpg.InterfaceError,             # the connection is closed or in an unusable state
    asyncpg.exceptions.OperatorInterventionError,  # terminated by an administrator
    ConnectionError,                    # refused, reset or aborted at the socket
)

# the types to hand to a web framework's exception handlers
OUTAGE_TYPES: tuple[type[Exception], ...] = (sa.DBAPIError, sa.TimeoutError,
                                                 *_DRIVER_ERRORS)


def database_unreachable(exc: BaseException) -> bool:
    """Whether `exc` (or what it wraps) says the database could not be reached or the
    connection was lost — not that a statement was wrong."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if _is_outage(current):
            return True
        wrapped = getattr(current, "orig", None)
        current = wrapped if isinstance(wrapped, BaseException) else \
            (current.__cause__ or current.__context__)
    return False


def _is_outage(exc: BaseException) -> bool:
    if isinstance(exc, sa.TimeoutError):  # no pooled connection came free in time
        return True
    if isinstance(exc, sa.DBAPIError):
        return exc.connection_invalidated or isinstance(
            exc, (sa.OperationalError, sa.InterfaceError))
    return isinstance(exc, _DRIVER_ERRORS)
