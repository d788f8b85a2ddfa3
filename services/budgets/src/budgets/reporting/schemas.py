"""The personal budgets report."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field


class ReviewFigures(BaseModel):
    recorded: int
    on_time: int
    late: int
    overdue_open: int = Field(description="review clocks past their day with no review")
    percent_on_time: float | None


class BudgetsReport(BaseModel):
    la_code: str
    as_of: date
    budgets_in_force: int
    by_sen2_type: dict[str, int] = Field(description="R13.1: OA, DP, OA+DP")
    total_pence_by_stream: dict[str, int]
    block_commissioned_lines: int
    direct_payments_by_status: dict[str, int]
    direct_payments_active: int
    reviews: ReviewFigures
