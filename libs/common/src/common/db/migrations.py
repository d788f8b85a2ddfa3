"""One Alembic environment per service (STYLE.md practice 7). `env.py` calls `run_env`:
on Postgres it creates the service's schema, sets `search_path` to it and keeps
`alembic_version` there; on SQLite it uses the service's own file. Batch mode is on so the
same revisions run on both. Revisions never name a schema."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Any

from alembic import command, context
from alembic.config import Config
from sqlalchemy import MetaData, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import create_async_engine

from common.settings import Settings


def alembic_config(service: str, service_root: Path, settings: Settings) -> Config:
    config = Config(str(service_root / "alembic.ini"))
    config.set_main_option("script_location", str(service_root / "migrations"))
    config.attributes["settings"] = settings
    config.attributes["service"] = service
    return config


def _not_the_version_table(name: str | None, type_: str, *_: Any) -> bool:
    return not (type_ == "table" and name == "alembic_version")


def _configure_and_run(connection: Connection, metadata: MetaData, schema: str | None) -> None:
    context.configure(
        connection=connection, target_metadata=metadata, render_as_batch=True,
        version_table_schema=schema, include_schemas=False, compare_type=True,
        include_name=_not_the_version_table,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_online(metadata: MetaData, settings: Settings, service: str) -> None:
    url = make_url(settings.database_url_for(service))
    if url.drivername.startswith("sqlite") and url.database not in (None, ":memory:"):
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_async_engine(url)
    schema = None if url.drivername.startswith("sqlite") else settings.schema_name
    try:
        async with engine.connect() as conn:
            if schema:
                await conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
                await conn.execute(text(f'SET search_path TO "{schema}"'))
                await conn.commit()
            await conn.run_sync(_configure_and_run, metadata, schema)
            await conn.commit()
    finally:
        await engine.dispose()


def run_env(metadata: MetaData, service: str) -> None:
    """The body of every service's migrations/env.py."""
    config = context.config
    settings: Settings = config.attributes.get("settings") or Settings(service=service)
    settings = settings.for_service(service) if settings.service != service else settings
    if context.is_offline_mode():
        context.configure(url=settings.database_url_for(service), target_metadata=metadata,
                          render_as_batch=True, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    _run_in_fresh_loop(_run_online(metadata, settings, service))


def _run_in_fresh_loop(coro: Any) -> None:
    """Alembic is synchronous; run the async migration in a loop of its own, in a thread
    when the caller is already inside an event loop (e.g. `sendsys dev`)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(coro)
        return
    errors: list[BaseException] = []

    def target() -> None:
        try:
            asyncio.run(coro)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if errors:
        raise errors[0]


def upgrade(service: str, service_root: Path, settings: Settings, revision: str = "head") -> None:
    command.upgrade(alembic_config(service, service_root, settings.for_service(service)),
                    revision)


def check(service: str, service_root: Path, settings: Settings) -> None:
    """`alembic check`: fails when the tables and the revisions disagree."""
    command.check(alembic_config(service, service_root, settings.for_service(service)))


def revision(service: str, service_root: Path, settings: Settings, message: str,
             rev_id: str) -> None:
    command.revision(alembic_config(service, service_root, settings.for_service(service)),
                     message=message, autogenerate=True, rev_id=rev_id)
