"""RFC 9457 problem details. Every error a client sees is application/problem+json."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import IntegrityError
from starlette.exceptions import HTTPException as StarletteHTTPException

from common.db.outage import OUTAGE_TYPES, database_unreachable
from common.errors import (
    Conflict,
    DomainError,
    Forbidden,
    InvalidField,
    NotFound,
    PreconditionFailed,
    RuleViolation,
    Unavailable,
)

log = logging.getLogger("sendsys.problems")

PROBLEM_BASE = "https://sendsys.example/problems/"
MEDIA_TYPE = "application/problem+json"
RETRY_AFTER_S = 2  # a lost connection is replaced at the next checkout

_TITLES = {
    400: "Bad request", 401: "Not authenticated", 403: "Forbidden", 404: "Not found",
    405: "Method not allowed", 406: "Not acceptable", 409: "Conflict",
    412: "Precondition failed", 415: "Unsupported media type", 422: "Unprocessable content",
    428: "Precondition required", 429: "Too many requests", 500: "Internal server error",
    503: "Service unavailable",
}


class Problem(Exception):
    """Raise to answer with a problem document."""

    def __init__(self, status: int, detail: str, *, kind: str | None = None,
                 title: str | None = None, errors: list[dict[str, Any]] | None = None,
                 headers: dict[str, str] | None = None, **extensions: Any) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.kind = kind or _slug(title or _TITLES.get(status, "error"))
        self.title = title or _TITLES.get(status, "Error")
        self.errors = errors
        self.headers = headers
        self.extensions = extensions


def _slug(text: str) -> str:
    return text.lower().replace(" ", "-")


def not_found(what: str) -> Problem:
    return Problem(404, f"{what} was not found", kind="not-found")


def problem_response(request: Request, problem: Problem) -> JSONResponse:
    body: dict[str, Any] = {
        "type": PROBLEM_BASE + problem.kind,
        "title": problem.title,
        "status": problem.status,
        "detail": problem.detail,
        "instance": request.url.path,
    }
    if problem.errors:
        body["errors"] = problem.errors
    body.update(problem.extensions)
    return JSONResponse(body, status_code=problem.status, media_type=MEDIA_TYPE,
                        headers=problem.headers)


def rule_violation_problem(exc: Exception) -> Problem:
    """A domain rule refused the command: 422 naming the rule (duck-typed on `.rule`). An
    error carrying several violations (`.problems`) gives one `errors[]` entry each."""
    rule = getattr(exc, "rule", None)
    message = getattr(exc, "message", None) or str(exc)
    each = getattr(exc, "problems", None) or (exc,)
    errors = [{"rule": getattr(p, "rule", None), "field": getattr(p, "field", None),
               "message": getattr(p, "message", None) or str(p)} for p in each]
    return Problem(422, message, kind="rule-violation", title="Statutory rule violated",
                   errors=errors, rule=rule)


def domain_problem(exc: DomainError) -> Problem:
    """The problem document for an error of `common.errors`."""
    if isinstance(exc, RuleViolation):
        return rule_violation_problem(exc)
    if isinstance(exc, InvalidField):
        return Problem(422, exc.message, kind=exc.kind,
                       errors=[{"field": exc.field, "message": exc.message}])
    if isinstance(exc, Forbidden):
        return Problem(403, exc.message, kind=exc.kind)
    if isinstance(exc, NotFound):
        return Problem(404, exc.message, kind="not-found")
    if isinstance(exc, Conflict):
        return Problem(409, exc.message, kind=exc.kind, **exc.extensions)
    if isinstance(exc, PreconditionFailed):
        return Problem(412, exc.message, kind="version-mismatch")
    if isinstance(exc, Unavailable):
        return unavailable_problem(exc.message, exc.retry_after_s)
    return Problem(422, exc.message, kind="domain-error")


def unavailable_problem(detail: str, retry_after_s: int) -> Problem:
    return Problem(503, detail, kind="unavailable",
                   headers={"Retry-After": str(retry_after_s)}, retry_after_s=retry_after_s)


OUTAGE_DETAIL = ("The database or the event bus cannot be reached just now; send the request "
                 "again (with the same Idempotency-Key, if it creates something).")


def outage_problem() -> Problem:
    return unavailable_problem(OUTAGE_DETAIL, RETRY_AFTER_S)


class OutageMiddleware:
    """The last word on an outage, as a plain ASGI middleware just inside Starlette's
    server-error middleware: an error that says the database or the bus is unreachable,
    wherever it was raised (a dependency's exit, a task group, a handler that wraps it),
    answers 503 with `Retry-After` and is not re-raised — a re-raised error makes uvicorn
    close the keep-alive connection, so the client's next request failed with a reset."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watch_start(message: dict[str, Any]) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watch_start)
        except Exception as exc:
            if started or not database_unreachable(exc):
                raise
            log.warning("database or bus unreachable", extra={"error": str(exc)[:300]})
            response = problem_response(Request(scope), outage_problem())
            await response(scope, receive, send)


def install_problem_handlers(app: FastAPI,
                             rule_violation_types: tuple[type[Exception], ...] = ()) -> None:
    async def on_problem(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, Problem)
        return problem_response(request, exc)

    async def on_validation(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        errors = [
            {"field": ".".join(str(p) for p in err["loc"]), "message": err["msg"],
             "code": err["type"]}
            for err in exc.errors()
        ]
        return problem_response(request, Problem(422, "The request did not validate",
                                                 kind="validation-error", errors=errors))

    async def on_http(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        detail = exc.detail if isinstance(exc.detail, str) else _TITLES.get(exc.status_code, "")
        return problem_response(request, Problem(exc.status_code, detail,
                                                 headers=getattr(exc, "headers", None)))

    async def on_rule(request: Request, exc: Exception) -> JSONResponse:
        return problem_response(request, rule_violation_problem(exc))

    async def on_domain(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, DomainError)
        return problem_response(request, domain_problem(exc))

    async def on_conflict(request: Request, exc: Exception) -> JSONResponse:
        log.info("integrity conflict", extra={"error": str(getattr(exc, "orig", exc))[:300]})
        return problem_response(request, Problem(
            409, "This conflicts with a record that already exists; nothing was changed.",
            kind="conflict"))

    async def on_database_error(request: Request, exc: Exception) -> JSONResponse:
        if not database_unreachable(exc):
            return await on_unexpected(request, exc)
        log.warning("database unreachable", extra={"error": str(exc)[:300]})
        return problem_response(request, outage_problem())

    async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
        if database_unreachable(exc):
            return await on_database_error(request, exc)
        log.exception("unhandled error", exc_info=exc)
        return problem_response(request, Problem(500, "Something went wrong on our side; "
                                                 "the request changed nothing."))

    app.add_exception_handler(Problem, on_problem)
    app.add_exception_handler(DomainError, on_domain)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
    for exc_type in rule_violation_types:
        app.add_exception_handler(exc_type, on_rule)
    for outage_type in OUTAGE_TYPES:
        app.add_exception_handler(outage_type, on_database_error)
    app.add_exception_handler(IntegrityError, on_conflict)
    app.add_exception_handler(Exception, on_unexpected)
