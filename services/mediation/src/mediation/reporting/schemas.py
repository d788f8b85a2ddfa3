"""The mediation report's response model (R13.1, R6.5-R6.7)."""

from __future__ import annotations

from pydantic import BaseModel

from mediation.cases.schemas import examples


class MediationReport(BaseModel):
    model_config = examples({
        "cases": 40, "cases_by_decision_kind": {"refuse_assessment": 12, "plan_contents": 28},
        "mediation_requested": 14, "mediation_held": 11, "share_to_mediation": 0.35,
        "outcomes": {"agreement": 8, "no_agreement": 3}, "certificates_issued": 37,
        "certificates_by_basis": {"declined": 26, "concluded": 11},
        "certificates_on_time": 35, "certificates_on_time_share": 0.946,
        "appeals_registered": 9, "appeals_after_mediation": 3, "information_missing": 1})

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
