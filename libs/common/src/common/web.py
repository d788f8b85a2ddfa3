"""The FastAPI app factory every service uses: problem errors, correlation ids, request
metrics, `/healthz`, `/readyz`, `/metrics`, ops endpoints, OpenAPI at `/docs`."""

from __future__ import annotations

import gc
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Request, Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Gauge,
    Histogram,
    generate_latest,
)

from common import logging as ctx
from common.auth import TokenVerifier, current_principal
from common.clock import Clock, clock_for
from common.db.uow import UnitOfWork
from common.guards import InputGuardMiddleware
from common.openapi import install_openapi
from common.principal import PLATFORM_OPS
from common.problems import OutageMiddleware, Problem, install_problem_handlers
from common.runtime import ServiceRuntime, ServiceSpec
from common.settings import Settings


async def get_runtime(request: Request) -> ServiceRuntime:
    runtime: ServiceRuntime = request.app.state.runtime
    return runtime


Runtime = Annotated[ServiceRuntime, Depends(get_runtime)]


async def request_unit_of_work(runtime: Runtime) -> AsyncIterator[UnitOfWork]:
    """The request's one transaction (STYLE.md practice 2): opened before the handler runs,
    committed after it returns and before the response is sent; rolled back, with nothing
    written, when the handler raises."""
    async with runtime.unit_of_work() as uow:
        yield uow
        if not uow.committed:
            await uow.commit()


# `scope="function"`: the exit code runs when the handler returns, not after the response
# has gone, so a failed commit answers as a problem instead of a success already sent.
Transaction = Annotated[UnitOfWork, Depends(request_unit_of_work, scope="function")]


class Metrics:
    def __init__(self, service: str) -> None:
        self.registry = CollectorRegistry()
        self.latency = Histogram("http_request_duration_seconds", "HTTP request latency",
                                 ["service", "method", "route", "status"],
                                 registry=self.registry)
        self.gauges = {
            name: Gauge(name, help_text, ["service"], registry=self.registry)
            for name, help_text in [
                ("outbox_backlog", "outbox rows not yet on the bus"),
                ("outbox_oldest_age_seconds", "age of the oldest unpublished outbox row"),
                ("consumer_lag", "events on the bus this service has not yet consumed"),
                ("deadlines_overdue", "open statutory deadlines past their due date"),
                ("deadlines_open", "open statutory deadlines not yet due"),
            ]
        }
        self.service = service


def _health_router() -> APIRouter:
    router = APIRouter(tags=["health"])

    @router.get("/healthz", summary="Alive")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @router.get("/readyz", summary="Database and bus reachable")
    async def readyz(runtime: Runtime, response: Response) -> dict[str, Any]:
        checks = await runtime.readiness()
        if not all(checks.values()):
            response.status_code = 503
        return {"status": "ready" if all(checks.values()) else "not ready", "checks": checks}

    @router.get("/metrics", summary="Prometheus metrics", include_in_schema=False)
    async def metrics(request: Request, runtime: Runtime) -> Response:
        if runtime.settings.metrics_port is not None:  # served on their own port instead
            raise Problem(404, "The metrics are served on a port of their own",
                          kind="not-found")
        return await _metrics_response(request, runtime)

    return router


async def _metrics_response(request: Request, runtime: ServiceRuntime) -> Response:
    await _check_metrics_access(request, runtime.settings)
    m: Metrics = request.app.state.metrics
    for name, value in (await runtime.gauges(runtime.clock.today())).items():
        m.gauges[name].labels(m.service).set(value)
    return Response(generate_latest(m.registry), media_type=CONTENT_TYPE_LATEST)


def create_metrics_app(service_app: FastAPI) -> FastAPI:
    """`/metrics` alone, for `metrics_port`: the service app's runtime and registry, its
    problem answers and token check; no lifespan of its own (the service app's runs)."""
    app = FastAPI(title=f"{service_app.title} metrics", openapi_url=None, docs_url=None,
                  redoc_url=None)
    app.state.runtime = service_app.state.runtime
    app.state.settings = service_app.state.settings
    app.state.token_verifier = service_app.state.token_verifier
    app.state.metrics = service_app.state.metrics
    install_problem_handlers(app)

    @app.get("/metrics", include_in_schema=False)
    async def metrics(request: Request, runtime: Runtime) -> Response:
        return await _metrics_response(request, runtime)

    return app


async def _check_metrics_access(request: Request, settings: Settings) -> None:
    """With `metrics_require_token`, the metrics only for an ops or platform-ops token."""
    if settings.metrics_require_token:
        principal = await current_principal(request)
        if not principal.has_any(("ops", PLATFORM_OPS)):
            raise Problem(403, "The metrics need an ops or platform_ops token",
                          kind="forbidden-role")


def create_service_app(spec: ServiceSpec, settings: Settings, clock: Clock | None = None,
                       *, background: bool = True, runtime: ServiceRuntime | None = None,
                       ) -> FastAPI:
    settings = settings.for_service(spec.name) if settings.service != spec.name else settings
    runtime = runtime or ServiceRuntime(spec, settings,
                                        clock or clock_for(settings.env, settings.dev_today))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        ctx.configure_logging(settings.log_level)
        if settings.auto_migrate:
            from common.db.migrations import upgrade
            upgrade(spec.name, spec.service_root, settings)
        await runtime.start(background=background)
        # What is alive now (modules, tables, schemas, compiled statements) lives as long as
        # the process: out of the collector's way, so that a full collection set off by a
        # sweep batch or a burst of requests does not walk it all again.
        gc.freeze()
        try:
            yield
        finally:
            await runtime.stop()

    app = FastAPI(title=f"sendsys {spec.name}", description=spec.description, version="0.1.0",
                  lifespan=lifespan)
    install_openapi(app)
    app.state.runtime = runtime
    app.state.settings = settings
    app.state.token_verifier = TokenVerifier(settings)
    app.state.metrics = Metrics(spec.name)
    install_problem_handlers(app, spec.rule_violation_types)
    _install_request_context(app, spec.name)
    app.include_router(_health_router())
    from common.ops import ops_router  # it depends on `Runtime` above
    app.include_router(ops_router())
    for router in spec.routers:
        app.include_router(router)
    return app


def _install_request_context(app: FastAPI, service: str) -> None:
    # The guard runs inside the request context, so that a refused request is measured
    # and answered with its correlation id.
    app.add_middleware(OutageMiddleware)
    app.add_middleware(InputGuardMiddleware, settings=app.state.settings)
    app.add_middleware(RequestContextMiddleware, service=service)


class RequestContextMiddleware:
    """Correlation ids, request metrics and the `x-correlation-id` response header, as a
    plain ASGI middleware: `@app.middleware("http")` (BaseHTTPMiddleware) runs every
    request through an extra task and memory streams (bench/write_path.py)."""

    def __init__(self, app: Any, service: str) -> None:
        self.app = app
        self.service = service

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        correlation = ""
        for name, value in scope.get("headers", ()):
            if name == b"x-correlation-id":
                correlation = value.decode("latin-1")
                break
        correlation = correlation or str(uuid.uuid4())
        status = 500
        started = time.perf_counter()

        async def send_with_header(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = [(k, v) for k, v in message.get("headers", ())
                           if k.lower() != b"x-correlation-id"]
                headers.append((b"x-correlation-id", correlation.encode("latin-1")))
                message = {**message, "headers": headers}
            await send(message)

        tokens = (ctx.correlation_id.set(correlation), ctx.causation_id.set(correlation),
                  ctx.service_name.set(self.service))
        try:
            await self.app(scope, receive, send_with_header)
        finally:
            ctx.correlation_id.reset(tokens[0])
            ctx.causation_id.reset(tokens[1])
            ctx.service_name.reset(tokens[2])
        route = scope.get("route")
        m: Metrics = scope["app"].state.metrics
        m.latency.labels(self.service, scope["method"], getattr(route, "path", "unmatched"),
                         str(status)).observe(time.perf_counter() - started)
