"""The localoffer service alone, on Postgres and on SQLite, for the feedback tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from common.clock import FixedClock
from tests.harness import System
from tests.localoffer.feedback.lo_support import (
    build_sqlite_template,
    localoffer_alone,
    sqlite_copy,
)


@pytest.fixture(scope="session")
def feedback_sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sqlite_template(tmp_path_factory.mktemp("localoffer-feedback"))


@pytest.fixture(params=["postgres", "sqlite"])
def feedback_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgres":
        return str(request.getfixturevalue("migrated_postgres"))
    return sqlite_copy(request.getfixturevalue("feedback_sqlite_template"), tmp_path)


@pytest.fixture
async def lo(feedback_url: str, fixed_clock: FixedClock) -> AsyncIterator[System]:
    async with localoffer_alone(feedback_url, fixed_clock) as system:
        yield system
