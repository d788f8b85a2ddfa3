"""The personal budgets report."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from budgets.budgets.schemas import examples


class ReviewFigures(BaseModel):
    recorded: int
    on_time: int
    late: int
    overdue_open: int = Field(description="review clocks past their day with no review")
    percent_on_time: float | None


class BudgetsReport(BaseModel):
    model_config = examples({
        "la_code": "201", "as_of": "2026-12-01", "budgets_in_force": 43,
        "by_sen2_type": {"OA": 20, "DP": 15, "OA+DP": 8},
        "total_pence_by_stream": {"education": 15000000, "health": 2400000,
                                  "social_care": 4100050},
        "block_commissioned_lines": 6,
        "direct_payments_by_status": {"active": 21, "pending": 2, "stopped": 1},
        "direct_payments_active": 21,
        "reviews": {"recorded": 30, "on_time": 27, "late": 3, "overdue_open": 1,
                    "percent_on_time": 90.0}})

    la_code: str
    as_of: date
    budgets_in_force: int
    by_sen2_type: dict[str, int] = Field(description="R13.1: OA, DP, OA+DP")
    total_pence_by_stream: dict[str, int]
    block_commissioned_lines: int
    direct_payments_by_status: dict[str, int]
    direct_payments_active: int
    reviews: ReviewFigures
