"""The assessment service alone over its HTTP API, on real Postgres (migrated) and SQLite."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import httpx
import pytest

from common.clock import FixedClock
from tests.harness import System, test_settings


@dataclass
class Api:
    """A thin client for the assessment service in tests."""

    system: System

    @property
    def http(self) -> httpx.AsyncClient:
        return self.system.clients["assessment"]

    def staff(self, **kw: Any) -> dict[str, str]:
        return self.system.token("la_caseworker", **kw)

    async def ok(self, method: str, url: str, status: int = 200, headers: dict | None = None,
                 **kw: Any) -> Any:
        response = await self.http.request(method, url, headers=headers or self.staff(), **kw)
        assert response.status_code == status, response.text
        return response.json() if response.content and response.headers.get(
            "content-type", "").endswith("json") else response

    async def fails(self, method: str, url: str, status: int = 422,
                    headers: dict | None = None, **kw: Any) -> dict:
        response = await self.http.request(method, url, headers=headers or self.staff(), **kw)
        assert response.status_code == status, response.text
        assert response.headers["content-type"] == "application/problem+json"
        return response.json()

    async def events(self, event_type: str | None = None) -> list[dict]:
        return await self.system.outbox_events("assessment", event_type)

    async def case(self, born_on: str = "2019-03-14", **extra: Any) -> str:
        body = {"given_name": "Amara", "family_name": "Okafor", "date_of_birth": born_on,
                "caseworker_id": "cw-17", "team": "north", "icb_org_code": "QKK",
                "icb_name": "NHS South East London ICB", "setting_name": "Oak Primary",
                "setting_urn": "100001",
                "contacts": [{"role": "parent", "name": "Ngozi Okafor",
                              "email": "ngozi@example.org"}],
                # tests open many children of the same name and birthday on purpose
                "different_child": True, **extra}
        return (await self.ok("POST", "/v1/cases", 201, json=body))["id"]

    async def request(self, case_id: str, received_on: str = "2026-03-02",
                      requester_type: str = "parent") -> dict:
        return await self.ok("POST", f"/v1/cases/{case_id}/requests", 201, json={
            "requester_type": requester_type, "received_on": received_on})

    async def assessing(self, born_on: str = "2019-03-14", received_on: str = "2026-01-05",
                        decided_on: str = "2026-02-09") -> tuple[str, str]:
        case_id = await self.case(born_on)
        request_id = (await self.request(case_id, received_on))["id"]
        await self.ok("POST", f"/v1/requests/{request_id}/decision",
                      json={"decision": "assess", "decided_on": decided_on})
        return case_id, request_id

    async def deadlines(self, case_id: str, kind: str | None = None,
                        status: str = "open") -> list[dict]:
        params = {"case_id": case_id, "status": status, "limit": 500}
        if kind:
            params["kind"] = kind
        return (await self.ok("GET", "/v1/deadlines", params=params))["items"]


@pytest.fixture
async def api(pg_url: str, fixed_clock: FixedClock) -> AsyncIterator[Api]:
    system = await System(test_settings(pg_url), fixed_clock,
                          services=("assessment",)).start()
    try:
        yield Api(system)
    finally:
        await system.stop()


@pytest.fixture
async def sqlite_api(tmp_path, fixed_clock: FixedClock) -> AsyncIterator[Api]:
    from common.db.migrations import upgrade
    from common.settings import Settings
    from sendsys.services import SPECS
    url = f"sqlite+aiosqlite:///{tmp_path}/{{service}}.sqlite3"
    upgrade("assessment", SPECS["assessment"]().service_root,
            Settings(env="test", database_url=url))
    system = await System(test_settings(url), fixed_clock, services=("assessment",)).start()
    try:
        yield Api(system)
    finally:
        await system.stop()


TODAY = date(2026, 3, 2)
