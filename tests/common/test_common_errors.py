"""`common.errors` imports no framework, and the one handler maps each error to its RFC
9457 problem (status, type, rule/field errors, extensions, Retry-After)."""

from __future__ import annotations

import subprocess
import sys

import httpx
import pytest
from fastapi import FastAPI

from common.errors import (
    Conflict,
    DomainError,
    NotFound,
    PreconditionFailed,
    RuleViolation,
    Unavailable,
    WrongState,
)
from common.problems import install_problem_handlers

CASES: list[tuple[DomainError, int, str]] = [
    (RuleViolation("R1.2", "the request is not from a parent", "requester_role"), 422,
     "rule-violation"),
    (WrongState("R4.1", "the plan is already final", "status"), 422, "rule-violation"),
    (NotFound("Case 12"), 404, "not-found"),
    (Conflict("A case with this UPN exists", existing_case_id="c-1"), 409, "conflict"),
    (PreconditionFailed("The plan changed since you read it"), 412, "version-mismatch"),
    (Unavailable("The database cannot be reached", retry_after_s=3), 503, "unavailable"),
]


async def _answer(error: DomainError) -> httpx.Response:
    app = FastAPI()
    install_problem_handlers(app)

    @app.get("/raise")
    async def raise_it() -> None:
        raise error

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://t.test") as client:
        return await client.get("/raise")


@pytest.mark.parametrize(("error", "status", "kind"), CASES,
                         ids=[type(c[0]).__name__ for c in CASES])
async def test_each_domain_error_is_its_problem(error: DomainError, status: int,
                                                kind: str) -> None:
    answer = await _answer(error)
    body = answer.json()
    assert answer.status_code == body["status"] == status
    assert answer.headers["content-type"] == "application/problem+json"
    assert body["type"].endswith("/" + kind)
    assert body["detail"] == error.message


async def test_a_rule_violation_names_the_rule_and_field() -> None:
    body = (await _answer(WrongState("R4.1", "the plan is already final", "status"))).json()
    assert body["errors"] == [{"rule": "R4.1", "field": "status",
                               "message": "the plan is already final"}]
    assert body["rule"] == "R4.1"


async def test_conflict_extensions_and_retry_after() -> None:
    conflict = (await _answer(Conflict("exists", existing_case_id="c-1"))).json()
    assert conflict["existing_case_id"] == "c-1"
    unavailable = await _answer(Unavailable("down", retry_after_s=3))
    assert unavailable.headers["retry-after"] == "3"


def test_errors_and_principal_import_no_framework() -> None:
    probe = ("import sys, common.errors, common.principal; "
             "print(sorted(m for m in sys.modules if m.split('.')[0] in "
             "('fastapi', 'starlette', 'sqlalchemy', 'pydantic')))")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            check=True).stdout.strip()
    assert loaded == "[]"
