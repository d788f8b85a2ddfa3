"""API models of the SEN2 return (R13.1): a case's SEN2 details and the return itself."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

SenType = Literal["SPLD", "MLD", "SLD", "PMLD", "SEMH", "SLCN", "HI", "VI", "MSI", "PD",
                  "ASD", "DS", "OTH"]
Ethnicity = Literal["WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH",
                    "AIND", "APKN", "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH",
                    "REFU", "NOBT"]
Module = Literal["person", "requests", "assessment", "namedplan", "plandetail", "activeplans",
                 "placementdetail", "senneed"]


class Sen2DetailUpdate(BaseModel):
    """What the return needs that the case does not carry (guide items 1.5-1.7, 1.10, 5.8)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "gender": "2", "ethnicity": "BAFR", "postcode": "SE1 7PB",
        "sen_types": ["SLCN", "ASD"]}]})

    gender: Literal["0", "1", "2", "9"] | None = Field(
        default=None, description="1.5: 0 not known, 1 male, 2 female, 9 not specified")
    ethnicity: Ethnicity | None = Field(default=None, description="1.6: CBDS main code")
    postcode: str | None = Field(
        default=None, pattern=r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$",
        description="1.7: a UK postcode in capitals")
    upn_unknown: str | None = Field(default=None, pattern=r"^UN([1-9]|10)$",
                                    description="1.10: why neither UPN nor ULN is known")
    sen_types: list[SenType] = Field(default_factory=list, max_length=13,
                                     description="5.8: the needs, primary need first")

    @field_validator("sen_types")
    @classmethod
    def _each_need_once(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("each SEN type may be ranked once")
        return value


class Sen2DetailRead(Sen2DetailUpdate):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "case_id": "3f1d0c1e-8b9a-4a55-9a41-2b1e8f0c6d10", "gender": "2",
        "ethnicity": "BAFR", "postcode": "SE1 7PB", "upn_unknown": None,
        "sen_types": ["SLCN", "ASD"], "version": 1}]})

    case_id: str
    version: int


class CheckRead(BaseModel):
    rule: str = Field(description="our id: SEN2- and the guide item the check enforces")
    row: str = Field(description="module/table id of the row at fault")
    field: str
    message: str


class Sen2ReturnRead(BaseModel):
    """The return: every module's rows in the guide's layout, and the failed checks."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "collection": "SEN2", "year": 2027, "la_code": "201", "census_date": "2027-01-21",
        "period_start": "2026-01-01", "period_end": "2026-12-31",
        "guide": "DfE SEN2 person level survey 2025 guide v1.4",
        "modules": {"person": [{"persontableid": "3f1d…", "surname": "Okafor",
                                "forename": "Amara", "personbirthdate": "2019-03-14"}]},
        "checks": [{"rule": "SEN2-1.7", "row": "person/3f1d…", "field": "postcode",
                    "message": "postcode missing"}], "valid": False}]})

    collection: str
    year: int
    la_code: str
    census_date: date
    period_start: date
    period_end: date
    guide: str
    modules: dict[str, list[dict[str, str]]]
    checks: list[CheckRead]
    valid: bool
