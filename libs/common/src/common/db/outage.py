"""Telling a lost or unreachable database (or bus) apart from a bug: the former is a 503
the client may retry (with its Idempotency-Key), the latter a 500."""

from __future__ import annotations

import asyncpg
from sqlalchemy import exc as sa

# raised as they are (not wrapped by SQLAlchemy) when a connection cannot be made or is lost
_DRIVER_ERRORS: tuple[type[Exception], ...] = (
    asyncpg.PostgresConnectionError,    # refused by the server, or it is shutting down
    asyncpg.InterfaceError,             # the connection is closed or in an unusable state
    asyncpg.exceptions.OperatorInterventionError,  # terminated by an administrator
    asyncpg.exceptions.InsufficientResourcesError,  # too many connections, disk full
    ConnectionError,                    # refused, reset or aborted at the socket
    TimeoutError,                       # no answer to a connect attempt in time
)

# SQLSTATE classes and codes that say "not reachable now", whoever wraps them: 08 connection
# exception, 53 insufficient resources (too many connections), 57 operator intervention
# (shut down, terminated, starting up), and 55000 as the server answers a connection to a
# database that does not accept connections (ALLOW_CONNECTIONS false, while it is restored).
_OUTAGE_SQLSTATE_CLASSES = ("08", "53", "57")
_NOT_ACCEPTING = ("55000", "not currently accepting connections")


def _bus_errors() -> tuple[type[Exception], ...]:
    try:
        from aiokafka import errors as kafka
    except ImportError:  # pragma: no cover - aiokafka is a dependency of common
        return ()
    return (kafka.KafkaConnectionError, kafka.NodeNotReadyError, kafka.KafkaTimeoutError,
            kafka.RequestTimedOutError, kafka.NoBrokersAvailable)


_BUS_ERRORS = _bus_errors()

# the types to hand to a web framework's exception handlers
OUTAGE_TYPES: tuple[type[Exception], ...] = (sa.DBAPIError, sa.TimeoutError,
                                             *_DRIVER_ERRORS, *_BUS_ERRORS)


def database_unreachable(exc: BaseException) -> bool:
    """Whether `exc` (or what it wraps, or any error of an exception group) says the
    database or the bus could not be reached or the connection was lost — not that a
    statement was wrong."""
    seen: set[int] = set()
    pending: list[BaseException] = [exc]
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if _is_outage(current):
            return True
        if isinstance(current, BaseExceptionGroup):
            pending.extend(current.exceptions)
        wrapped = getattr(current, "orig", None)
        for inner in (wrapped, current.__cause__, current.__context__):
            if isinstance(inner, BaseException):
                pending.append(inner)
    return False


def _is_outage(exc: BaseException) -> bool:
    if isinstance(exc, sa.TimeoutError):  # no pooled connection came free in time
        return True
    if isinstance(exc, sa.DBAPIError) and (exc.connection_invalidated or isinstance(
            exc, (sa.OperationalError, sa.InterfaceError))):
        return True
    if isinstance(exc, _DRIVER_ERRORS + _BUS_ERRORS):
        return True
    sqlstate = getattr(exc, "sqlstate", None)
    if isinstance(sqlstate, str):
        if sqlstate[:2] in _OUTAGE_SQLSTATE_CLASSES:
            return True
        return sqlstate == _NOT_ACCEPTING[0] and _NOT_ACCEPTING[1] in str(exc)
    return False
