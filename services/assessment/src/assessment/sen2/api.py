"""Routers of the SEN2 return (R13.1): a case's SEN2 details, the return as JSON and each
module as CSV, in the layout of the DfE's SEN2 guide."""

from __future__ import annotations

import csv
import io
from dataclasses import asdict
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from assessment.sen2 import rules, service
from assessment.sen2.schemas import (
    CheckRead,
    Module,
    Sen2DetailRead,
    Sen2DetailUpdate,
    Sen2ReturnRead,
)
from common.auth import LaStaff
from common.errors import NotFound
from common.web import Transaction

router = APIRouter(prefix="/v1", tags=["sen2"])
CensusDate = Annotated[date, Query(description="the census date: the third Thursday of "
                                               "January (e.g. 2027-01-21)")]


def _detail_read(found: service.repository.DetailRecord) -> Sen2DetailRead:
    return Sen2DetailRead(**{k: v for k, v in asdict(found).items()
                             if k in Sen2DetailRead.model_fields})


@router.put("/cases/{case_id}/sen2-details", response_model=Sen2DetailRead,
            summary="Record a case's SEN2 details (gender, ethnicity, postcode, ranked needs)")
async def put_detail(case_id: str, body: Sen2DetailUpdate, uow: Transaction,
                     principal: LaStaff) -> Sen2DetailRead:
    """Replace what the SEN2 return needs and the case does not carry: gender (item 1.5),
    ethnicity (1.6), postcode (1.7), why no UPN or ULN is known (1.10) and the special
    educational needs ranked, primary need first (5.8). A field left out is cleared."""
    return _detail_read(await service.record_detail(uow, principal, case_id, body))


@router.get("/cases/{case_id}/sen2-details", response_model=Sen2DetailRead,
            summary="A case's SEN2 details")
async def get_detail(case_id: str, uow: Transaction, principal: LaStaff) -> Sen2DetailRead:
    """The case's SEN2 details; 404 when none were recorded."""
    found = await service.detail(uow, principal, case_id)
    if found is None:
        raise NotFound(f"SEN2 details of case {case_id}")
    return _detail_read(found)


@router.get("/reports/sen2", response_model=Sen2ReturnRead,
            summary="The SEN2 return for a census date, with its failed checks (R13.1)")
async def sen2_return(census_date: CensusDate, uow: Transaction,
                      principal: LaStaff) -> Sen2ReturnRead:
    """The LA's person-level SEN2 return built from live records: the people in scope on the
    census date (active plans, plans ceased, requests and assessments of the calendar year
    before it) module by module, and every row that fails a check of the guide."""
    built = await service.sen2_return(uow.connection, principal.la_code, census_date)
    return Sen2ReturnRead(
        collection="SEN2", year=census_date.year, la_code=principal.la_code,
        census_date=built.census_date, period_start=built.period_start,
        period_end=built.period_end, guide=rules.GUIDE, modules=built.modules,
        checks=[CheckRead(**asdict(c)) for c in built.checks], valid=not built.checks)


@router.get("/reports/sen2/{module}.csv", response_class=Response,
            summary="One module of the SEN2 return as CSV",
            responses={200: {"content": {"text/csv": {"example":
                       "persontableid,surname,forename,personbirthdate\r\n"
                       "3f1d…,Okafor,Amara,2019-03-14\r\n"}}}})
async def sen2_module_csv(module: Annotated[Module, Path()], census_date: CensusDate,
                          uow: Transaction, principal: LaStaff) -> Response:
    """One module's rows with the guide's column names, a header line first."""
    built = await service.sen2_return(uow.connection, principal.la_code, census_date)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=rules.COLUMNS[module])
    writer.writeheader()
    writer.writerows(built.modules[module])
    return Response(out.getvalue(), media_type="text/csv", headers={
        "content-disposition": f'attachment; filename="sen2_{census_date.year}_{module}.csv"'})
