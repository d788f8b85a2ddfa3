"""The localoffer service served by uvicorn on a SQLite file built by the migrations, and
a `System` whose client talks to it over real HTTP (for seeding and the LA's API calls)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from common.clock import FixedClock
from tests.harness import System, test_settings
from tests.localoffer.browser.browser_support import served
from tests.localoffer.entries.directory_support import directory_sqlite_template  # noqa: F401
from tests.localoffer.feedback.lo_support import sqlite_copy


@pytest.fixture
async def site(directory_sqlite_template: Path, tmp_path: Path,  # noqa: F811
               fixed_clock: FixedClock) -> AsyncIterator[System]:
    settings = test_settings(sqlite_copy(directory_sqlite_template, tmp_path))
    async with served(settings, fixed_clock) as base_url:
        system = System(settings, fixed_clock, services=())
        system.clients["localoffer"] = httpx.AsyncClient(base_url=base_url, timeout=30)
        try:
            yield system
        finally:
            await system.clients["localoffer"].aclose()
