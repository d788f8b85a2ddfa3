"""An entry not reviewed for 12 months falls due for review: a deadline in the platform's
deadline table, whose sweep raises `send.localoffer.review.due.v1` at each stage (the lead
times before it falls due, and once overdue)."""

from __future__ import annotations

from datetime import date

from common.db.uow import UnitOfWork
from common.deadline_alerts import DeadlineOwner
from common.deadlines import DeadlineBook
from common.runtime import ServiceRuntime
from localoffer.contracts import REVIEW_DUE, ReviewDueV1, subject_for_entry
from localoffer.domain import rules

ENTRY_REVIEW = "local_offer_entry_review"


class ReviewBook(DeadlineBook):
    """The platform's deadline book, raising the local offer's own event for reviews."""

    def _emit(self, uow: UnitOfWork, step, *, event_id: str, deadline_id: str,
              la_code: str, case_id: str, kind: str, due_on: date,
              owner: DeadlineOwner) -> None:
        if kind != ENTRY_REVIEW:
            super()._emit(uow, step, event_id=event_id, deadline_id=deadline_id,
                          la_code=la_code, case_id=case_id, kind=kind, due_on=due_on,
                          owner=owner)
            return
        uow.emit(REVIEW_DUE, ReviewDueV1(la_code=la_code, entry_id=case_id, due_on=due_on,
                                         days_left=step.days_left),
                 subject=subject_for_entry(case_id), la_code=la_code, event_id=event_id)


def install(runtime: ServiceRuntime) -> None:
    """Give the runtime's sweep the review-aware book (same tables and alert schedule)."""
    book = runtime.deadlines
    runtime.deadlines = ReviewBook(book.tables, book.service, book.schedule)


async def schedule_review(uow: UnitOfWork, book: DeadlineBook, *, la_code: str, entry_id: str,
                          reviewed_on: date, today: date, new: bool = False) -> date:
    """Close the entry's open review deadline (a new entry has none) and open the next,
    12 months on."""
    if not new:
        await book.close(uow, case_id=entry_id, kind=ENTRY_REVIEW, closed_on=today)
    due_on = rules.review_due_on(reviewed_on)
    await book.open(uow, la_code=la_code, case_id=entry_id, kind=ENTRY_REVIEW,
                    due_on=due_on, opened_on=today, ref_id=entry_id)
    return due_on
