"""The edge every request passes before routing: a bound on the body (413), NUL characters
refused in the path, the query and any JSON string (422 naming where), whole numbers in the
path or query past the 64-bit range every integer column holds refused (422 naming the
parameter), and the security headers on every response.

A plain ASGI middleware, like `common.web.RequestContextMiddleware`: an ordinary request
costs a header scan, a `bytes in` check over its body and a few header tuples."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.routing import compile_path

from common.problems import Problem, problem_response
from common.settings import Settings

INT64_MAX = 2**63 - 1
# A run of 19 or more digits: the only numbers that may pass the 64-bit range.
_LONG_NUMBER = re.compile(rb"\d{19,}")
_WHOLE_NUMBER = re.compile(r"[+-]?\d+")

NOSNIFF = (b"x-content-type-options", b"nosniff")
# The HTML we serve (plans, certificates) is self-contained: no scripts, inline styles only.
HTML_POLICY = (b"content-security-policy",
               b"default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
               b"base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
# Swagger UI and ReDoc at /docs and /redoc load their assets from the service itself
# (/docs-assets) and start with an inline script.
DOCS_POLICY = (b"content-security-policy",
               b"default-src 'none'; script-src 'self' 'unsafe-inline'; "
               b"style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; "
               b"worker-src 'self' blob:; connect-src 'self'; "
               b"base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
REFERRER_POLICY = (b"referrer-policy", b"no-referrer")


class InputGuardMiddleware:
    def __init__(self, app: Any, settings: Settings) -> None:
        self.app = app
        self.body_limit = settings.request_body_limit_bytes
        self.import_limit = settings.import_body_limit_bytes
        self.import_paths = frozenset(settings.import_paths)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = _with_security_headers(send, scope["path"])
        problem = refused_path_or_query(scope)
        if problem is not None:
            await _answer(scope, receive, send, problem)
            return
        limit = self.import_limit if scope["path"] in self.import_paths else self.body_limit
        if _declared_length(scope) > limit:
            await _answer(scope, receive, send, _too_large(limit))
            return
        body, more = await _read_body(receive, limit)
        if more:
            await _answer(scope, receive, send, _too_large(limit))
            return
        problem = refused_body(body)
        if problem is not None:
            await _answer(scope, receive, send, problem)
            return
        await self.app(scope, _replay(body, receive), send)


def refused_path_or_query(scope: dict[str, Any]) -> Problem | None:
    raw_path: bytes = scope.get("raw_path") or scope["path"].encode()
    query: bytes = scope.get("query_string", b"")
    path_suspect = b"%00" in raw_path or b"\x00" in raw_path \
        or _LONG_NUMBER.search(raw_path) is not None
    query_suspect = b"%00" in query or b"\x00" in query \
        or _LONG_NUMBER.search(query) is not None
    if not (path_suspect or query_suspect):
        return None
    path_values, integers = _operation(scope)
    values = [("path", name, value) for name, value in path_values.items()]
    values += [("query", name, value) for name, value
               in parse_qsl(query.decode("latin-1"), keep_blank_values=True)]
    for where, name, value in values:
        problem = _refused_value(f"{where}.{name}", value, (where, name) in integers)
        if problem is not None:
            return problem
    return _nul_problem("path") if "\x00" in scope["path"] else None


def refused_body(body: bytes) -> Problem | None:
    """A NUL character anywhere in a JSON body (escaped `\\u0000` or raw), named by the
    field that holds it."""
    if b"\\u0000" not in body and b"\x00" not in body:
        return None
    try:
        document = json.loads(body)
    except ValueError:
        return _nul_problem("body") if b"\x00" in body else None
    for where in _nul_fields(document, "body"):
        return _nul_problem(where)
    return None


def _refused_value(field: str, value: str, integer: bool) -> Problem | None:
    if "\x00" in value:
        return _nul_problem(field)
    if integer and _WHOLE_NUMBER.fullmatch(value) and abs(int(value)) > INT64_MAX:
        return _validation_problem(field, f"must be at most {INT64_MAX}", "less_than_equal")
    return None


def _operation(scope: dict[str, Any]) -> tuple[dict[str, str], set[tuple[str, str]]]:
    """The path parameters of the documented operation the request names, and which of its
    parameters are integers (only for a request that looks hostile: the OpenAPI document
    is built once and kept by the app)."""
    openapi = getattr(scope.get("app"), "openapi", None)
    if openapi is None:
        return {}, set()
    for template, item in openapi()["paths"].items():
        found = compile_path(template)[0].match(scope["path"])
        if found is None:
            continue
        operation = item.get(scope["method"].lower(), {})
        integers = {(p["in"], p["name"]) for p in operation.get("parameters", [])
                    if _is_integer(p.get("schema", {}))}
        return found.groupdict(), integers
    return {}, set()


def _is_integer(schema: dict[str, Any]) -> bool:
    options = [schema, *schema.get("anyOf", [])]
    return any(option.get("type") == "integer" for option in options)


def _nul_fields(node: Any, where: str) -> Iterator[str]:
    if isinstance(node, str):
        if "\x00" in node:
            yield where
    elif isinstance(node, dict):
        for key, value in node.items():
            if "\x00" in key:
                yield f"{where}.{key!r}"
            yield from _nul_fields(value, f"{where}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _nul_fields(value, f"{where}.{index}")


def _nul_problem(field: str) -> Problem:
    return _validation_problem(field, "must not contain a NUL character", "string_nul")


def _validation_problem(field: str, message: str, code: str) -> Problem:
    return Problem(422, "The request did not validate", kind="validation-error",
                   errors=[{"field": field, "message": message, "code": code}])


def _too_large(limit: int) -> Problem:
    return Problem(413, f"The request body is larger than {limit} bytes",
                   kind="body-too-large", title="Content too large", limit_bytes=limit)


def _declared_length(scope: dict[str, Any]) -> int:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return 0
    return 0


async def _read_body(receive: Any, limit: int) -> tuple[bytes, bool]:
    """The whole body, or (what was read, True) as soon as it passes `limit`."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b"".join(chunks), False
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return b"", True
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks), False


def _replay(body: bytes, receive: Any) -> Any:
    """The body read, then the client's own messages (a disconnect)."""
    sent = False

    async def replayed() -> dict[str, Any]:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return dict(await receive())

    return replayed


async def _answer(scope: dict[str, Any], receive: Any, send: Any, problem: Problem) -> None:
    response = problem_response(Request(scope), problem)
    await response(scope, receive, send)


def _with_security_headers(send: Any, path: str) -> Any:
    async def send_with_headers(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", ()))
            present = {name.lower() for name, _ in headers}
            # A response that sets its own policy (localoffer's public pages) keeps it: only
            # the headers it left out are added, never a second copy.
            wanted = [NOSNIFF]
            content_type = next((v for k, v in headers if k.lower() == b"content-type"), b"")
            if content_type.startswith(b"text/html"):
                wanted += [DOCS_POLICY if path in ("/docs", "/redoc") else HTML_POLICY,
                           REFERRER_POLICY]
            headers += [header for header in wanted if header[0] not in present]
            message = {**message, "headers": headers}
        await send(message)

    return send_with_headers
