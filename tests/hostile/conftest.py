"""Fixtures of the hostile-input and access tests: the whole system on either backend."""

from __future__ import annotations

import pytest

from tests.harness import System


@pytest.fixture(params=["postgres", "sqlite"])
def system(request: pytest.FixtureRequest) -> System:
    """Every service, on Postgres and on SQLite (NUL bytes and long strings differ)."""
    return request.getfixturevalue("pg_system" if request.param == "postgres"
                                   else "sqlite_system")
