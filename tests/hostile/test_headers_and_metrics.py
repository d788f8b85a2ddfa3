"""Least privilege at the edge (issue 11 item 8): security headers on every HTML answer and
`X-Content-Type-Options` on every answer; `/metrics` behind a token when the setting says."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from common.clock import FixedClock
from sendsys.services import SPECS
from tests.harness import System
from tests.harness import test_settings as settings_for
from tests.mediation.mediation_support import choose, on, open_case


@pytest.mark.parametrize("service", list(SPECS))
async def test_every_answer_says_nosniff_and_html_carries_a_policy(
        pg_system: System, service: str) -> None:
    """Issue 11: no Content-Security-Policy / X-Content-Type-Options on HTML."""
    http = pg_system.clients[service]
    for response in (await http.get("/healthz"), await http.get("/v1/nothing-here"),
                     await http.get("/openapi.json")):
        assert response.headers["x-content-type-options"] == "nosniff"
    docs = await http.get("/docs")
    assert docs.headers["content-type"].startswith("text/html")
    assert "frame-ancestors 'none'" in docs.headers["content-security-policy"]
    assert docs.headers["referrer-policy"] == "no-referrer"


async def test_a_certificate_page_forbids_scripts(pg_system: System) -> None:
    http = pg_system.clients["mediation"]
    on(pg_system, "2026-03-10")
    case = await open_case(pg_system)
    chosen = await choose(pg_system, case, told_adviser_on="2026-03-10", choice="declined")
    assert chosen.status_code == 200, chosen.text
    cert = await http.post(f"/v1/mediation-cases/{case['id']}/certificates",
                           headers=pg_system.token(), json={"basis": "declined"})
    assert cert.status_code == 201, cert.text
    page = await http.get(f"/v1/certificates/{cert.json()['id']}/html",
                          headers=pg_system.token())
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    policy = page.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src" not in policy
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["referrer-policy"] == "no-referrer"


@pytest.fixture
async def guarded_metrics(pg_url: str, fixed_clock: FixedClock) -> AsyncIterator[System]:
    system = await System(settings_for(pg_url, metrics_require_token=True), fixed_clock,
                          services=("budgets",)).start()
    try:
        yield system
    finally:
        await system.stop()


async def test_metrics_need_an_ops_token_when_the_setting_says(
        guarded_metrics: System, pg_system: System) -> None:
    """Issue 11: `/metrics` open with no setting to protect it (open stays the default)."""
    http: httpx.AsyncClient = guarded_metrics.clients["budgets"]
    assert (await http.get("/metrics")).status_code == 401
    assert (await http.get("/metrics", headers=guarded_metrics.token())).status_code == 403
    for role in ("ops", "platform_ops"):
        allowed = await http.get("/metrics", headers=guarded_metrics.token(role))
        assert allowed.status_code == 200 and b"http_request_duration_seconds" in allowed.content
    assert (await pg_system.clients["budgets"].get("/metrics")).status_code == 200
