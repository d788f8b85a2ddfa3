"""The personal budgets report: budgets by SEN2 type, totals by funding stream, direct
payments active, reviews on time (R13.1, R7.9)."""

from __future__ import annotations

from budgets.domain.enums import (
    DeadlineKind,
    DirectPaymentStatus,
    FundingStream,
    Mechanism,
    Sen2BudgetType,
)
from budgets.reporting import repository as repo
from budgets.reporting import rules
from budgets.reporting.schemas import BudgetsReport, ReviewFigures
from common.db.uow import UnitOfWork
from common.deadlines import DeadlineBook

REVIEW_CLOCKS = [DeadlineKind.DIRECT_PAYMENT_FIRST_REVIEW.value,
                 DeadlineKind.DIRECT_PAYMENT_ANNUAL_REVIEW.value]


async def report(uow: UnitOfWork, deadlines: DeadlineBook, la_code: str) -> BudgetsReport:
    conn = uow.connection
    today = uow.clock.today()
    lines = await repo.current_lines(conn, la_code)
    mechanisms: dict[str, list[Mechanism | None]] = {}
    totals = {stream.value: 0 for stream in FundingStream}
    for line in lines:
        mechanisms.setdefault(line.id, []).append(
            Mechanism(line.mechanism) if line.mechanism else None)
        if not line.block_commissioned:
            totals[line.funding_stream] += int(line.annual_pence)
    by_type = {t.value: 0 for t in Sen2BudgetType}
    for used in mechanisms.values():
        kind = rules.sen2_type(used)
        if kind is not None:
            by_type[kind.value] += 1
    statuses = await repo.direct_payments_by_status(conn, la_code)
    reviews = await repo.reviews(conn, la_code)
    on_time = sum(1 for r in reviews if r.on_time)
    late = sum(1 for r in reviews if r.on_time is False)
    overdue = await repo.overdue_reviews(conn, deadlines.tables.deadline, la_code,
                                         REVIEW_CLOCKS, today)
    return BudgetsReport(
        la_code=la_code, as_of=today, budgets_in_force=len(mechanisms), by_sen2_type=by_type,
        total_pence_by_stream=totals,
        block_commissioned_lines=sum(1 for line in lines if line.block_commissioned),
        direct_payments_by_status=statuses,
        direct_payments_active=statuses.get(DirectPaymentStatus.ACTIVE.value, 0),
        reviews=ReviewFigures(recorded=len(reviews), on_time=on_time, late=late,
                              overdue_open=overdue,
                              percent_on_time=rules.percent(on_time, on_time + late + overdue)))
