"""schemathesis over every service's OpenAPI (issue 11 item 9): a bounded number of
generated calls per operation, valid and invalid, with a token of every LA staff and ops
role: zero server errors.

Hypothesis draws the cases in a worker thread; each call runs on the test's event loop,
where the services' runtimes (and their connection pools) live."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.core.result import Ok
from schemathesis.generation.modes import GenerationMode

from sendsys.services import SPECS
from tests.harness import System

EXAMPLES_PER_OPERATION = 6
ROLES = ("la_caseworker", "la_manager", "ops", "platform_ops")
# Open findings in another helper's area, each under its own strict xfail below: when one
# is fixed, its xfail fails and the operation goes back into the sweep.
OPEN_FINDINGS: dict[tuple[str, str, str], str] = {}


def _call_kwargs(case: Any, headers: dict[str, str]) -> dict[str, Any]:
    sent = case.as_transport_kwargs(base_url="", headers=headers)
    kwargs: dict[str, Any] = {"method": sent["method"], "url": sent["url"],
                              "headers": sent["headers"], "params": sent.get("params")}
    if "json" in sent:
        kwargs["json"] = sent["json"]
    elif sent.get("data") is not None:
        kwargs["content"] = sent["data"]
    return kwargs


def _explore(loop: asyncio.AbstractEventLoop, http: httpx.AsyncClient, operation: Any,
             headers: dict[str, str], server_errors: list[str]) -> None:
    strategy = operation.as_strategy(GenerationMode.POSITIVE) | operation.as_strategy(
        GenerationMode.NEGATIVE)

    @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
              suppress_health_check=list(HealthCheck), derandomize=True)
    @given(case=strategy)
    def send(case: Any) -> None:
        try:
            kwargs = _call_kwargs(case, headers)
        except Exception:  # noqa: BLE001 - a case no HTTP client can send (e.g. bad header)
            return
        call = asyncio.run_coroutine_threadsafe(http.request(**kwargs), loop)
        try:
            response = call.result()
        except Exception as exc:  # noqa: BLE001 - the app raised: its answer was a 500
            server_errors.append(f"{kwargs['method']} {kwargs['url']} -> {exc!r}"[:300])
            return
        if response.status_code >= 500:
            server_errors.append(f"{kwargs['method']} {kwargs['url']} {kwargs.get('params')} "
                                 f"-> {response.status_code} {response.text[:200]}")

    send()


async def _server_errors(system: System, service: str,
                         wanted: Any = lambda key: key not in OPEN_FINDINGS) -> list[str]:
    http = system.clients[service]
    schema = schemathesis.openapi.from_dict((await http.get("/openapi.json")).json())
    headers = system.token(*ROLES)
    loop = asyncio.get_running_loop()
    server_errors: list[str] = []
    operations = [op for op in (result.ok() for result in schema.get_all_operations()
                                         if isinstance(result, Ok))
                  if wanted((service, op.method.upper(), op.path))]
    assert operations
    for operation in operations:
        await asyncio.to_thread(_explore, loop, http, operation, headers, server_errors)
    return server_errors


@pytest.mark.parametrize("service", list(SPECS))
async def test_generated_calls_never_meet_a_server_error(system: System,
                                                         service: str) -> None:
    server_errors = await _server_errors(system, service)
    assert server_errors == [], "\n".join(server_errors[:20])


if OPEN_FINDINGS:  # defined only while one is open, so that it never runs empty (skipped)
    @pytest.mark.parametrize("finding", list(OPEN_FINDINGS))
    @pytest.mark.xfail(strict=True, reason="open in another helper's area: see OPEN_FINDINGS")
    async def test_open_findings_still_meet_a_server_error(
            pg_system: System, finding: tuple[str, str, str]) -> None:
        server_errors = await _server_errors(pg_system, finding[0], lambda key: key == finding)
        assert server_errors == [], "\n".join(server_errors[:20])
