"""Engines: Postgres with one schema per service (runtime schema mapping), or SQLite with
one file per service in WAL mode (STYLE.md practice 7)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import event
from sqlalchemy.engine import Dialect, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from common.db.held_inserts import install_held_inserts
from common.db.pool import PromptQueuePool
from common.db.seam import install_statement_seam
from common.settings import Settings


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def create_engine_for(settings: Settings, service: str, *,
                      schema: str | None = None) -> AsyncEngine:
    """The engine for `service`'s data: its SQLite file, or its schema in the Postgres database."""
    url = make_url(settings.database_url_for(service))
    if url.drivername.startswith("sqlite"):
        if url.database and url.database != ":memory:":
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(url, connect_args={"timeout": 30})
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        return install_held_inserts(install_statement_seam(engine))
    # No pre-ping: it costs a round trip per checkout on the write path. A connection
    # broken by a database restart fails its one request and is replaced (the relay,
    # consumers and sweep retry); pool_recycle retires connections before server timeouts.
    # No overflow: an overflow connection is closed when it is returned, so a burst above
    # the pool size opened a new connection (and a cold statement cache) per request;
    # beyond the pool, requests wait for a connection instead (bench/write_path.py), for at
    # most the pool timeout, and no longer than it takes a slot to come free while the
    # database is unreachable (common.db.pool); a connect attempt is bounded too.
    # The service's schema is the connection's search_path (tables name no schema): a
    # schema_translate_map rewrote every statement's text on every execution.
    engine = create_async_engine(url, poolclass=PromptQueuePool,
                                 pool_size=settings.database_pool_size, max_overflow=0,
                                 pool_timeout=settings.database_pool_timeout_s,
                                 pool_pre_ping=False, pool_recycle=1800,
                                 connect_args={"timeout": settings.database_connect_timeout_s,
                                               "server_settings": {
                                                   "search_path": quoted(schema or service)}})
    return install_held_inserts(install_statement_seam(engine))


def quoted(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def is_postgres(engine: AsyncEngine) -> bool:
    return engine.dialect.name == "postgresql"


class HasDialect(Protocol):
    @property
    def dialect(self) -> Dialect: ...


def dialect_name(executor: HasDialect) -> str:
    """The database (dialect name) of a connection."""
    return executor.dialect.name
