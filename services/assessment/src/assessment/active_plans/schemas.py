"""API model of the report of active plans by age band and primary need."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict


class CellRead(BaseModel):
    age_band: str
    primary_need: str
    plans: int


class ActivePlansRead(BaseModel):
    """Plans maintained on `on`, by age band and primary need (SEN type ranked first)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "on": "2027-01-21", "total": 3,
        "by_age_band": {"under 5": 0, "5 to 10": 2, "11 to 15": 1, "16 to 19": 0,
                        "20 to 25": 0, "over 25": 0},
        "by_primary_need": {"ASD": 2, "SLCN": 1},
        "cells": [{"age_band": "5 to 10", "primary_need": "ASD", "plans": 2},
                  {"age_band": "11 to 15", "primary_need": "SLCN", "plans": 1}]}]})

    on: date
    total: int
    by_age_band: dict[str, int]
    by_primary_need: dict[str, int]
    cells: list[CellRead]
