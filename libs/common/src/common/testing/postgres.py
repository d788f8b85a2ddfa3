"""A throwaway Postgres database per test session on the local cluster
(SENDSYS_TEST_POSTGRES, default postgresql://postgres@127.0.0.1:5432/postgres)."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Iterator

import asyncpg
import pytest

ADMIN_URL = os.environ.get("SENDSYS_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")


async def _admin(sql: str) -> None:
    conn = await asyncpg.connect(ADMIN_URL)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


def create_database(prefix: str = "sendsys_test") -> str:
    """Create an empty database named <prefix>_<random>; return its SQLAlchemy asyncpg URL."""
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    asyncio.run(_admin(f'CREATE DATABASE "{name}"'))
    base = ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://", 1)
    return f"{base}/{name}"


def drop_database(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def worker_prefix(prefix: str = "sendsys_test") -> str:
    """`prefix` with the pytest-xdist worker id (gw0, gw1 …) when the run is distributed:
    each worker is a session of its own, with a database of its own."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    return f"{prefix}_{worker}" if worker else prefix


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    """An empty database for the session (for each xdist worker), dropped at the end."""
    url = create_database(worker_prefix())
    try:
        yield url
    finally:
        drop_database(url)
