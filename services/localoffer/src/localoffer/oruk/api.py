"""The Open Referral UK API (HSDS 3.0 UK profile): public, read-only, no key, open to any
origin (`Access-Control-Allow-Origin: *`) and rate-limited per client address (behind the
council's trusted proxies, the address they forwarded), with every error, the 429
included, an RFC 9457 problem carrying the same headers."""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator, Callable, Coroutine
from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, Path, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, StreamingResponse
from fastapi.routing import APIRoute

from common.errors import DomainError
from common.problems import Problem, domain_problem, problem_response
from localoffer.clients import address_of
from localoffer.oruk import examples, render, service
from localoffer.oruk.limits import RateLimiter
from localoffer.oruk.service import OrukFilters
from localoffer.reading import ReadConnection


def limiter_for(app: FastAPI) -> RateLimiter:
    """The app's limiter; `LOCALOFFER_ORUK_RATE=<burst>/<per second>` sets its allowance
    (default 60/10)."""
    limiter = getattr(app.state, "oruk_rate_limiter", None)
    if limiter is None:
        burst, _, rate = os.environ.get("LOCALOFFER_ORUK_RATE", "60/10").partition("/")
        limiter = app.state.oruk_rate_limiter = RateLimiter(int(burst), float(rate))
    return limiter


def _problem_for(request: Request, exc: Exception) -> Response | None:
    if isinstance(exc, Problem):
        return problem_response(request, exc)
    if isinstance(exc, DomainError):
        return problem_response(request, domain_problem(exc))
    if isinstance(exc, RequestValidationError):
        errors = [{"field": ".".join(str(p) for p in e["loc"]), "message": e["msg"],
                   "code": e["type"]} for e in exc.errors()]
        return problem_response(request, Problem(422, "The request did not validate",
                                                 kind="validation-error", errors=errors))
    return None


class OrukRoute(APIRoute):
    """Rate limit first, then the handler; answers (errors too) open to every origin."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handle = super().get_route_handler()

        async def route(request: Request) -> Response:
            limiter = limiter_for(request.app)
            wait_s = limiter.take(address_of(request))
            if wait_s:
                retry = str(limiter.retry_after(wait_s))
                response: Response = problem_response(request, Problem(
                    429, f"Too many requests from this address; try again in {retry} s",
                    kind="rate-limited", headers={"Retry-After": retry}))
            else:
                try:
                    response = await handle(request)
                except Exception as exc:
                    problem = _problem_for(request, exc)
                    if problem is None:
                        raise
                    response = problem
            response.headers["Access-Control-Allow-Origin"] = "*"
            return response

        return route


router = APIRouter(prefix="/v1/local-offers/{la_code}/oruk", tags=["open referral uk"],
                   route_class=OrukRoute)
LaCode = Annotated[str, Path(pattern=r"^\d{3}$", description="the LA's three-digit code")]
PageNo = Annotated[int, Query(ge=1, le=100_000)]
PerPage = Annotated[int, Query(ge=1, le=500)]
OpenDate = Annotated[date | None, Query(
    alias="date", description="Open on this date (YYYY-MM-DD) by any of the service's "
    "daily, weekly or monthly schedules, within their validity; with `start_time` / "
    "`end_time`, that same schedule's hours lie within them",
    examples=["2026-03-10"])]


def filters(search: Annotated[str | None, Query(max_length=200)] = None,
            taxonomy_term_id: str | None = None, taxonomy_id: str | None = None,
            minimum_age: int | None = None, maximum_age: int | None = None,
            start_time: Annotated[str | None, Query(max_length=14)] = None,
            end_time: Annotated[str | None, Query(max_length=14)] = None,
            day: Annotated[str | None, Query(max_length=10)] = None,
            modified_after: datetime | None = None,
            open_date: date | None = None) -> OrukFilters:
    return OrukFilters(search=search, taxonomy_term_id=taxonomy_term_id,
                       taxonomy_id=taxonomy_id, minimum_age=minimum_age,
                       maximum_age=maximum_age, start_time=start_time, end_time=end_time,
                       day=day, modified_after=modified_after, on_date=open_date)


def base_url(request: Request) -> str:
    return str(request.base_url).rstrip("/") + "/v1"


@router.get("/", summary="About this API and the HSDS profile it follows",
            responses=examples.answer(examples.ROOT))
async def root(la_code: LaCode, request: Request) -> dict[str, Any]:
    """About this Open Referral UK API: the HSDS profile and version it follows. Public, no
    key, any origin."""
    return {"version": render.HSDS_VERSION, "profile": render.PROFILE,
            "openapi_url": str(request.base_url).rstrip("/") + "/openapi.json"}


@router.get("/services", summary="Services, one-to-one fields, paged (filters ANDed)",
            responses=examples.answer(examples.page(examples.SERVICE), (
                "application/x-ndjson", examples.NDJSON)))
async def services(la_code: LaCode, request: Request, conn: ReadConnection,
                   search: Annotated[str | None, Query(max_length=200)] = None,
                   taxonomy_term_id: str | None = None, taxonomy_id: str | None = None,
                   minimum_age: int | None = None, maximum_age: int | None = None,
                   start_time: Annotated[str | None, Query(max_length=14)] = None,
                   end_time: Annotated[str | None, Query(max_length=14)] = None,
                   day: Annotated[str | None, Query(max_length=10)] = None,
                   open_date: OpenDate = None,
                   modified_after: datetime | None = None, minimal: bool = False,
                   format: Annotated[str, Query(pattern="^(json|ndjson)$")] = "json",
                   page: PageNo = 1, per_page: PerPage = 50) -> Response:
    """Services in the ORUK page envelope, filters combined with AND (`search`,
    `taxonomy_term_id`, `taxonomy_id`, ages, `day` (any such weekday) or `date` (open that
    date, by daily, weekly and monthly rules) with `start_time`/`end_time`,
    `modified_after`); `minimal` gives ids and modification times only, `format=ndjson`
    streams every match fully nested for bulk sync. Public, rate-limited per client."""
    f = filters(search, taxonomy_term_id, taxonomy_id, minimum_age, maximum_age, start_time,
                end_time, day, modified_after, open_date)
    if format == "ndjson":
        await service.to_query(conn, la_code, f)  # refuse bad filters before streaming
        return StreamingResponse(_ndjson(request, la_code, f),
                                 media_type="application/x-ndjson")
    return JSONResponse(await service.services_page(conn, la_code, f, page, per_page,
                                                    base_url(request), minimal=minimal))


async def _ndjson(request: Request, la_code: str, f: OrukFilters) -> AsyncIterator[bytes]:
    async with request.app.state.runtime.engine.connect() as conn:
        async for doc in service.services_stream(conn, la_code, f, base_url(request)):
            yield json.dumps(doc, separators=(",", ":")).encode() + b"\n"


@router.get("/services/{service_id}", summary="One service, fully nested",
            responses=examples.answer(examples.SERVICE_FULL))
async def one_service(la_code: LaCode, service_id: str, request: Request,
                      conn: ReadConnection) -> dict[str, Any]:
    """One service, fully nested (organisation, locations, schedules, costs, contacts, taxonomy
    terms)."""
    return await service.service(conn, la_code, service_id, base_url(request))


@router.get("/service_at_locations", summary="Services at locations, paged",
            responses=examples.answer(examples.page(examples.SERVICE_AT_LOCATION)))
async def service_at_locations(la_code: LaCode, request: Request, conn: ReadConnection,
                               search: Annotated[str | None, Query(max_length=200)] = None,
                               taxonomy_term_id: str | None = None,
                               taxonomy_id: str | None = None,
                               minimum_age: int | None = None, maximum_age: int | None = None,
                               start_time: Annotated[str | None, Query(max_length=14)] = None,
                               end_time: Annotated[str | None, Query(max_length=14)] = None,
                               day: Annotated[str | None, Query(max_length=10)] = None,
                               open_date: OpenDate = None,
                               modified_after: datetime | None = None,
                               postcode: Annotated[str | None, Query(max_length=10)] = None,
                               proximity: Annotated[float | None, Query(gt=0, le=200_000)]
                               = None, page: PageNo = 1,
                               per_page: PerPage = 50) -> dict[str, Any]:
    """Services at their locations in the ORUK page envelope, with the filters of
    `/services` (`date` included); with `postcode` (and `proximity` in metres) only those
    nearby, nearest first."""
    f = filters(search, taxonomy_term_id, taxonomy_id, minimum_age, maximum_age, start_time,
                end_time, day, modified_after, open_date)
    f = OrukFilters(**{**f.__dict__, "postcode": postcode, "proximity": proximity})
    return await service.service_at_locations_page(conn, la_code, f, page, per_page,
                                                   base_url(request))


@router.get("/service_at_locations/{service_at_location_id}",
            summary="One service at a location, fully nested",
            responses=examples.answer(examples.SERVICE_AT_LOCATION))
async def one_service_at_location(la_code: LaCode, service_at_location_id: str,
                                  request: Request, conn: ReadConnection) -> dict[str, Any]:
    """One service at one location, fully nested."""
    return await service.service_at_location(conn, la_code, service_at_location_id,
                                             base_url(request))


@router.get("/taxonomies", summary="Taxonomies, paged",
            responses=examples.answer(examples.page(examples.TAXONOMY)))
async def taxonomies(la_code: LaCode, conn: ReadConnection, page: PageNo = 1,
                     per_page: PerPage = 50) -> dict[str, Any]:
    """The taxonomies entries are classified by, each with its URI."""
    return await service.taxonomies_page(conn, page, per_page)


@router.get("/taxonomy_terms", summary="Taxonomy terms, paged",
            responses=examples.answer(examples.page(examples.TERM)))
async def taxonomy_terms(la_code: LaCode, conn: ReadConnection, page: PageNo = 1,
                         per_page: PerPage = 50,
                         taxonomy_id: str | None = None) -> dict[str, Any]:
    """Taxonomy terms with their URIs, optionally of one taxonomy."""
    return await service.terms_page(conn, page, per_page, taxonomy_id)


@router.get("/organizations", summary="Organisations, paged",
            responses=examples.answer(examples.page(examples.ORGANISATION)))
async def organizations(la_code: LaCode, conn: ReadConnection, page: PageNo = 1,
                        per_page: PerPage = 50) -> dict[str, Any]:
    """The organisations that provide services, in the ORUK page envelope."""
    return await service.organizations_page(conn, la_code, page, per_page)
