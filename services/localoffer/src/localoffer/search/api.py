"""Thin routers of the search feature: the public search (no account) and the LA's
loading of its postcode directory."""

from __future__ import annotations

import io
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request

from common.auth import LaStaff
from common.web import Transaction
from localoffer.domain.errors import RuleViolation
from localoffer.reading import ReadConnection, bounded_body
from localoffer.search import postcodes, service
from localoffer.search.schemas import PostcodeLoadRead, SearchCriteria, SearchPage

router = APIRouter(prefix="/v1", tags=["search"])
LaCode = Annotated[str, Path(pattern=r"^\d{3}$", description="the LA's three-digit code")]
POSTCODE_FILE_LIMIT = 256 * 1024 * 1024  # a region's ONSPD extract is well under this


@router.get("/local-offers/{la_code}/search", response_model=SearchPage,
            summary="Search the local offer (public, no account)")
async def search_local_offer(la_code: LaCode, criteria: Annotated[SearchCriteria, Query()],
                             conn: ReadConnection, request: Request) -> SearchPage:
    """Public search of the local offer, no account: words (ranked full text), a category or
    need (term id or code), an age, free of charge only, open on a `date` (YYYY-MM-DD; at
    `time` when given, else at some time that day) or on a `day` at a `time` (a weekday
    means the next such date), by every daily, weekly and monthly rule, and distance from a
    postcode within `radius_km`. Every filter given must hold; results best first."""
    today = request.app.state.runtime.clock.today()
    return await service.search(conn, la_code, criteria, today)


@router.post("/local-offer/postcodes", response_model=PostcodeLoadRead,
             summary="Load the postcode directory (ONS Postcode Directory CSV)")
async def load_postcodes(request: Request, principal: LaStaff,
                         uow: Transaction) -> PostcodeLoadRead:
    """Load the LA's extract of the ONS Postcode Directory (CSV in the ONSPD column layout) so
    postcodes resolve to coordinates without an outside geocoder; loading again replaces the
    rows. LA staff only."""
    body = await bounded_body(request, POSTCODE_FILE_LIMIT, "file")
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RuleViolation("LO-POSTCODE", "the file is not UTF-8 text", "file") from exc
    report = await postcodes.load_onspd(uow.connection, io.StringIO(text, newline=""))
    return PostcodeLoadRead(**report.__dict__)
