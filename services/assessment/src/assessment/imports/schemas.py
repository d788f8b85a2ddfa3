"""API models of a legacy import of existing plans, and its report row by row."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from assessment.cases.schemas import PersonName, SettingType
from assessment.domain import identifiers
from common.bounds import StatutoryDate


class LegacyImportCreate(BaseModel):
    """Existing plans from a legacy system: `rows` (JSON) or `csv` text, one plan a row."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "format": "json", "rows": [{
            "legacy_ref": "CAPITA-000123", "given_name": "Amara", "family_name": "Okafor",
            "date_of_birth": "2015-03-14", "issued_on": "2022-06-01",
            "last_reviewed_on": "2025-05-20", "upn": "A123456789012",
            "setting_name": "Oak Primary", "setting_type": "mainstream_school",
            "primary_need": "ASD", "caseworker_id": "cw-17", "team": "north"}]}]})

    format: Literal["json", "csv"]
    rows: list[dict[str, Any]] | None = Field(default=None, max_length=50_000)
    csv: str | None = Field(default=None, max_length=50_000_000)


class LegacyRowResult(BaseModel):
    row: int
    legacy_ref: str | None
    outcome: Literal["accepted", "skipped", "rejected"]
    errors: list[dict[str, Any]] = Field(default_factory=list)
    case_id: str | None = Field(default=None, description="the case the plan is kept on: a "
                                "kept case when its UPN and date of birth agree")
    reconcile_with_case_id: str | None = Field(
        default=None, description="the row's UPN is held by this case, born on another day: "
        "the row's case was opened without the UPN, for a caseworker to reconcile")
    reconcile_reason: str | None = None


class LegacyImportRead(BaseModel):
    """What an import did, row by row."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "id": "5e1f7a2b-6c3d-4e8f-9a0b-1c2d3e4f5a6b", "format": "json", "rows_total": 2,
        "accepted": 1, "skipped": 0, "rejected": 1,
        "report": [{"row": 1, "legacy_ref": "CAPITA-000123", "outcome": "accepted",
                    "errors": [], "case_id": None, "reconcile_with_case_id": None,
                    "reconcile_reason": None},
                   {"row": 2, "legacy_ref": "CAPITA-000124", "outcome": "rejected",
                    "errors": [{"field": "date_of_birth",
                                "message": "date_of_birth may not be in the future"}],
                    "case_id": None, "reconcile_with_case_id": None,
                    "reconcile_reason": None}]}]})

    id: str
    format: str
    rows_total: int
    accepted: int
    skipped: int
    rejected: int
    report: list[LegacyRowResult]


class LegacyPlanRow(BaseModel):
    legacy_ref: str = Field(min_length=1, max_length=100)
    given_name: PersonName
    family_name: PersonName
    date_of_birth: StatutoryDate
    issued_on: StatutoryDate
    last_reviewed_on: StatutoryDate | None = None
    upn: str | None = None
    setting_name: str | None = Field(default=None, max_length=200)
    setting_type: SettingType | None = None
    primary_need: str | None = Field(default=None, max_length=10)
    caseworker_id: str | None = None
    team: str | None = None

    @field_validator("*", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        return None if value == "" else value

    @field_validator("upn")
    @classmethod
    def _upn(cls, value: str | None) -> str | None:
        return identifiers.validate_upn(value) if value else value
