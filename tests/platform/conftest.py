"""Fixtures of the platform's own tests."""

from __future__ import annotations

import pytest


@pytest.fixture(params=["pg_url", "sqlite_url"])
def database_url(request: pytest.FixtureRequest) -> str:
    """The test's database, migrated and empty: Postgres, then SQLite."""
    return str(request.getfixturevalue(request.param))
