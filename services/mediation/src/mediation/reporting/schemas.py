"""The mediation report's response model (R13.1, R6.5-R6.7)."""

from __future__ import annotations

from pydantic import BaseModel


class MediationReport(BaseModel):
    cases: int
    cases_by_decision_kind: dict[str, int]
    mediation_requested: int
    mediation_held: int
    share_to_mediation: float | None
    outcomes: dict[str, int]
    certificates_issued: int
    certificates_by_basis: dict[str, int]
    certificates_on_time: int
    certificates_on_time_share: float | None
    appeals_registered: int
    appeals_after_mediation: int
    information_missing: int
