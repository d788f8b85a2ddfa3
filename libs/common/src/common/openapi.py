"""OpenAPI that a client generator can trust, for every service without touching its code.

`install_openapi(app)` (called by the app factory) does two things:

- serves Swagger UI (`/docs`) and ReDoc (`/redoc`) from assets shipped in a Python
  package (`fastapi-offline`), so the pages work on a council network that blocks CDNs;
- post-processes the schema FastAPI generates: a bearer (JWT) security scheme, `security`
  on every operation that needs a token, and the error statuses each operation can answer
  (401, 403, 404, 409, 412, 422, plus any a route declares) documented as
  `application/problem+json` with the problem schema that is really sent (RFC 9457 with
  `errors[]`), in place of FastAPI's `HTTPValidationError`, which is not.

Which statuses apply is read from the route itself: a token dependency means 401 and 403;
a path parameter, 404; any input, 422; a writing method, 409 (a clash with what exists)
and 422 (a statutory rule); an endpoint that checks `If-Match`, 412.

`operation_gaps(schema)` lists the operations still lacking a description or examples
(`sendsys openapi --gaps`): descriptions and examples belong to each service's routes.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.dependencies.models import Dependant
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from starlette.responses import HTMLResponse

from common.auth import current_principal

try:  # FastAPI >= 0.16x includes routers lazily: walk the effective routes
    from fastapi.routing import iter_route_contexts
except ImportError:  # pragma: no cover - older FastAPI keeps flat APIRoutes
    def iter_route_contexts(routes: Any) -> Any:  # type: ignore[misc]
        return iter(routes)
from common.problems import MEDIA_TYPE, PROBLEM_BASE

STATIC_URL = "/docs-assets"
SECURITY_SCHEME = "bearerAuth"
WRITING = frozenset({"post", "put", "patch", "delete"})
_SCHEMAS = "#/components/schemas/"

PROBLEM_SCHEMAS: dict[str, Any] = {
    "Problem": {
        "title": "Problem",
        "description": "RFC 9457 problem details: every error this API answers with.",
        "type": "object",
        "required": ["type", "title", "status", "detail", "instance"],
        "properties": {
            "type": {"type": "string", "format": "uri",
                     "description": f"what went wrong, as a URI under {PROBLEM_BASE}"},
            "title": {"type": "string", "description": "a short summary of the problem kind"},
            "status": {"type": "integer", "description": "the HTTP status"},
            "detail": {"type": "string", "description": "what went wrong this time"},
            "instance": {"type": "string", "description": "the path that was called"},
            "rule": {"type": ["string", "null"],
                     "description": "the statutory rule id refused (rule violations)"},
            "errors": {"type": "array", "items": {"$ref": _SCHEMAS + "ProblemError"},
                       "description": "one entry per field or rule at fault (422)"},
        },
        "additionalProperties": True,
    },
    "ProblemError": {
        "title": "ProblemError",
        "type": "object",
        "required": ["message"],
        "properties": {
            "rule": {"type": ["string", "null"],
                     "description": "the statutory rule id (docs/rules.md)"},
            "field": {"type": ["string", "null"],
                      "description": "the input at fault, dotted (e.g. body.received_on)"},
            "message": {"type": "string"},
            "code": {"type": "string", "description": "a machine-readable validation code"},
        },
        "additionalProperties": True,
    },
}

_STATUS_TEXT = {
    400: ("Bad request", "bad-request", "The request could not be read"),
    401: ("Not authenticated", "not-authenticated", "A bearer token is required"),
    403: ("Forbidden", "forbidden-role", "This needs one of the roles: la_caseworker"),
    404: ("Not found", "not-found", "Case 3f1d2a7e-8b6c-4d5e-9f10-2a3b4c5d6e7f was not found"),
    409: ("Conflict", "conflict", "This conflicts with a record that already exists"),
    412: ("Precondition failed", "version-mismatch",
          "The resource has changed since you read it; read it again"),
    422: ("Unprocessable content", "validation-error", "The request did not validate"),
    428: ("Precondition required", "if-match-required", "Send If-Match with the ETag you read"),
    503: ("Service unavailable", "unavailable", "The service cannot answer now; try again"),
}


#: the platform's own operations (common.web, common.ops) that every service serves: their
#: description and examples, given here once; (method, path) -> (description, request
#: example or None, response example)
PLATFORM_OPERATIONS: dict[tuple[str, str], tuple[str, Any, Any]] = {
    ("get", "/healthz"): ("Liveness: answers while the process runs. No token.", None,
                          {"status": "ok"}),
    ("get", "/readyz"): (
        "Readiness: the database and the bus answer (503 with the failing check when "
        "not). No token.", None,
        {"status": "ready", "checks": {"database": True, "bus": True}}),
    ("post", "/ops/deadlines/sweep"): (
        "Run the deadline sweep now (platform_ops): approaching and missed deadlines are "
        "emitted as events; `as_of` a future day only outside production.",
        {"as_of": "2026-03-02"}, {"as_of": "2026-03-02", "emitted": 3}),
    ("get", "/ops/dead-letters"): (
        "Events this service's consumers gave up on, with the error and the attempts "
        "(platform_ops; LA staff see their own LA's).", None,
        [{"id": 7, "consumer": "localoffer", "topic": "send.budgets",
          "event_id": "0d9f8c1e-5b7a-4e2c-9a31-6f2b8c4d1e05",
          "event_type": "send.budgets.policy.published.v1",
          "error": "PermanentFailure: policy for LA 202 in an event for 201", "attempts": 1}]),
    ("post", "/ops/dead-letters/{dead_letter_id}/replay"): (
        "Hand a dead letter to its consumer again, once its cause is fixed.", None,
        {"id": 7, "outcome": "done"}),
}


def _describe_platform_operation(path: str, method: str, operation: dict[str, Any]) -> None:
    known = PLATFORM_OPERATIONS.get((method, path))
    if known is None:
        return
    description, request, response = known
    operation.setdefault("description", description)
    if request is not None:
        for media in operation.get("requestBody", {}).get("content", {}).values():
            media.setdefault("example", request)
    for code, answer in operation.get("responses", {}).items():
        if code.startswith("2"):
            for media in answer.get("content", {}).values():
                media.setdefault("example", response)


def install_openapi(app: FastAPI) -> None:
    """Serve the docs pages from packaged assets and post-process the schema."""
    _serve_docs_offline(app)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = restore_example_nulls(
                document_problems(FastAPI.openapi(app), app.routes))
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def restore_example_nulls(schema: dict[str, Any]) -> dict[str, Any]:
    """FastAPI writes the document with `exclude_none`, which also strips the `null`s out of
    every example: a required field that may be null (`decided_on` before the decision)
    then goes missing and the example no longer validates, nor shows what is sent. Put each
    such field back as null, in component examples and in operation examples alike."""
    components = schema.get("components", {}).get("schemas", {})
    for component in components.values():
        for example in component.get("examples", []):
            _fill_nulls(example, component, components, depth=0)
    for _path, _method, operation in _operations(schema):
        bodies = [operation.get("requestBody", {}), *operation.get("responses", {}).values()]
        for body in bodies:
            for media in body.get("content", {}).values():
                if "example" in media:
                    _fill_nulls(media["example"], media.get("schema", {}), components, depth=0)
    return schema


def _resolved(node: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref", "")
    return components.get(ref.rsplit("/", 1)[-1], {}) if ref.startswith(
        "#/components/schemas/") else node


def _fill_nulls(example: Any, node: dict[str, Any], components: dict[str, Any],
                depth: int) -> None:
    node = _resolved(node, components)
    if depth > 20:  # a recursive schema: stop well before Python would
        return
    if isinstance(example, list) and "items" in node:
        for item in example:
            _fill_nulls(item, node["items"], components, depth + 1)
        return
    if not isinstance(example, dict):
        return
    properties = node.get("properties", {})
    for name in node.get("required", []):
        if name not in example and _allows_null(properties.get(name, {})):
            example[name] = None
    for name, value in example.items():
        if name in properties:
            for branch in [properties[name], *properties[name].get("anyOf", [])]:
                _fill_nulls(value, branch, components, depth + 1)


def _allows_null(node: dict[str, Any]) -> bool:
    return node.get("type") == "null" or any(
        branch.get("type") == "null" for branch in node.get("anyOf", []))


# --- the docs pages -----------------------------------------------------------------------

def docs_assets_dir() -> Path:
    spec = find_spec("fastapi_offline")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("fastapi-offline (Swagger UI and ReDoc assets) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "static"


def _serve_docs_offline(app: FastAPI) -> None:
    docs, redoc = app.docs_url or "/docs", app.redoc_url or "/redoc"
    app.router.routes[:] = [r for r in app.router.routes
                            if getattr(r, "path", None) not in (docs, redoc)]
    app.mount(STATIC_URL, StaticFiles(directory=docs_assets_dir()), name="docs-assets")
    openapi_url = app.openapi_url or "/openapi.json"

    @app.get(docs, include_in_schema=False)
    async def swagger_ui(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return get_swagger_ui_html(
            openapi_url=root + openapi_url, title=f"{app.title} - Swagger UI",
            oauth2_redirect_url=app.swagger_ui_oauth2_redirect_url,
            swagger_js_url=f"{root}{STATIC_URL}/swagger-ui-bundle.js",
            swagger_css_url=f"{root}{STATIC_URL}/swagger-ui.css",
            swagger_favicon_url=f"{root}{STATIC_URL}/favicon.png",
            swagger_ui_parameters={"persistAuthorization": True})

    @app.get(redoc, include_in_schema=False)
    async def redoc_page(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return get_redoc_html(
            openapi_url=root + openapi_url, title=f"{app.title} - ReDoc",
            redoc_js_url=f"{root}{STATIC_URL}/redoc.standalone.js",
            redoc_favicon_url=f"{root}{STATIC_URL}/favicon.png", with_google_fonts=False)


# --- the schema -------------------------------------------------------------------------------

def document_problems(schema: dict[str, Any], routes: list[Any]) -> dict[str, Any]:
    """The schema with the problem responses and bearer security described (a copy)."""
    schema = copy.deepcopy(schema)
    components = schema.setdefault("components", {})
    components.setdefault("schemas", {}).update(copy.deepcopy(PROBLEM_SCHEMAS))
    components.setdefault("securitySchemes", {})[SECURITY_SCHEME] = {
        "type": "http", "scheme": "bearer", "bearerFormat": "JWT",
        "description": "A JWT from the LA's identity gateway: claims sub, la (LA code), "
                       "roles, and cases (families) or org (partners)."}
    by_operation = {(route.path_format, method.lower()): route
                    for route in iter_route_contexts(routes)
                    if isinstance(getattr(route, "original_route", route), APIRoute)
                    for method in route.methods or ()}
    for path, method, operation in _operations(schema):
        _describe_platform_operation(path, method, operation)
        route = by_operation.get((path, method))
        statuses = _error_statuses(path, method, operation, route)
        if route is not None and _needs_token(route.dependant):
            operation["security"] = [{SECURITY_SCHEME: []}]
            statuses |= {401, 403}
        _describe_problems(operation, statuses)
    for unused in ("HTTPValidationError", "ValidationError"):
        components["schemas"].pop(unused, None)
    return schema


def _operations(schema: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in schema.get("paths", {}).items():
        for method, operation in item.items():
            if method in WRITING | {"get", "head", "options"}:
                yield path, method, operation


def _error_statuses(path: str, method: str, operation: dict[str, Any],
                    route: Any) -> set[int]:
    statuses = {int(code) for code in operation.get("responses", {})
                if code.isdigit() and int(code) >= 400}
    if "{" in path:
        statuses.add(404)
    if operation.get("parameters") or operation.get("requestBody") or method in WRITING:
        statuses.add(422)
    if method in WRITING:
        statuses.add(409)
    if route is not None and _checks_if_match(route, method):
        statuses.add(412)
    return statuses


def _needs_token(dependant: Dependant) -> bool:
    return any(dep.call is current_principal or _needs_token(dep)
               for dep in dependant.dependencies)


def _calls(dependant: Dependant) -> Iterator[Callable[..., Any]]:
    if dependant.call is not None:
        yield dependant.call
    for dep in dependant.dependencies:
        yield from _calls(dep)


def _checks_if_match(route: Any, method: str) -> bool:
    """A writing endpoint that says it honours If-Match, or that calls (itself, through a
    dependency or through a helper of its module, two calls deep) a function named for
    If-Match, such as `common.http.check_if_match`."""
    if method not in WRITING:
        return False
    if "If-Match" in f"{route.summary or ''} {route.description or ''}":
        return True
    return any(_calls_if_match(call, depth=2) for call in _calls(route.dependant))


def _calls_if_match(function: Any, depth: int) -> bool:
    code = getattr(function, "__code__", None)
    if code is None:
        return False
    if any("if_match" in name for name in code.co_names):
        return True
    if depth == 0:
        return False
    module_globals = getattr(function, "__globals__", {})
    return any(_calls_if_match(module_globals.get(name), depth - 1) for name in code.co_names
               if callable(module_globals.get(name)))


def _describe_problems(operation: dict[str, Any], statuses: set[int]) -> None:
    responses = operation.setdefault("responses", {})
    for status in sorted(statuses):
        title, kind, detail = _STATUS_TEXT.get(status, ("Error", "error", "Something failed"))
        response = responses.setdefault(str(status), {})
        response["description"] = _keep_description(response.get("description"), title)
        example: dict[str, Any] = {"type": PROBLEM_BASE + kind, "title": title,
                                   "status": status, "detail": detail, "instance": "/v1/..."}
        if status == 422:
            example["errors"] = [{"field": "body.received_on", "message": "Field required",
                                  "code": "missing"}]
        response["content"] = {MEDIA_TYPE: {"schema": {"$ref": _SCHEMAS + "Problem"},
                                            "example": example}}
        if status == 401:
            response["headers"] = {"WWW-Authenticate": {
                "description": "Bearer, with the reason a token was refused",
                "schema": {"type": "string"}}}


def _keep_description(current: str | None, title: str) -> str:
    if not current or current in ("Validation Error", "Unprocessable Entity"):
        return title
    return current


# --- what services still have to describe --------------------------------------------------

def operation_gaps(schema: dict[str, Any]) -> dict[str, list[str]]:
    """{"no description" | "no request example" | "no response example": [operations]}."""
    gaps: dict[str, list[str]] = {"no description": [], "no request example": [],
                                  "no response example": []}
    schemas = schema.get("components", {}).get("schemas", {})
    for path, method, operation in _operations(schema):
        name = f"{method.upper()} {path}"
        if not operation.get("description"):
            gaps["no description"].append(name)
        body = operation.get("requestBody", {}).get("content", {})
        if body and not any(_has_example(media, schemas) for media in body.values()):
            gaps["no request example"].append(name)
        successes = [r for code, r in operation.get("responses", {}).items()
                     if code.startswith("2") and r.get("content")]
        if successes and not any(_has_example(media, schemas) for r in successes
                                 for media in r["content"].values()):
            gaps["no response example"].append(name)
    return gaps


def _has_example(media: dict[str, Any], schemas: dict[str, Any]) -> bool:
    if "example" in media or "examples" in media:
        return True
    schema = media.get("schema", {})
    ref = schema.get("$ref") or schema.get("items", {}).get("$ref")
    target = schemas.get(ref.rsplit("/", 1)[1], {}) if ref else schema
    return "examples" in target or "example" in target
