"""Every query of the feedback feature. Takes the unit of work's connection; never commits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, func, insert, select

from common.deadlines import OPEN
from localoffer.domain.feedback import CommenterKind, FeedbackStatus, FeedbackTopic, HoldReason
from localoffer.feedback.tables import feedback_comment, feedback_publication, feedback_response

Executor = Any  # the unit of work's session or connection: both `execute` Core statements


@dataclass(frozen=True)
class ResponseRecord:
    response: str
    actions: str | None
    responded_at: datetime


@dataclass(frozen=True)
class CommentRecord:
    id: str
    la_code: str
    topic: FeedbackTopic
    commenter_kind: CommenterKind | None
    entry_id: str | None
    comment: str
    status: FeedbackStatus
    hold_reasons: tuple[HoldReason, ...]
    received_on: date
    response: ResponseRecord | None


@dataclass(frozen=True)
class PublicationRecord:
    id: str
    published_on: date
    summary: str | None
    comments_published: int
    responses_published: int


_c = feedback_comment.c
_r = feedback_response.c


def _with_response() -> Select[Any]:
    return (select(feedback_comment, _r.response, _r.actions, _r.responded_at)
            .select_from(feedback_comment.outerjoin(feedback_response,
                                                    _r.feedback_id == _c.id)))


def _record(row: Any) -> CommentRecord:
    response = (ResponseRecord(row.response, row.actions, row.responded_at)
                if row.responded_at is not None else None)
    return CommentRecord(
        id=row.id, la_code=row.la_code, topic=FeedbackTopic(row.topic),
        commenter_kind=CommenterKind(row.commenter_kind) if row.commenter_kind else None,
        entry_id=row.entry_id, comment=row.comment, status=FeedbackStatus(row.status),
        hold_reasons=tuple(HoldReason(r) for r in row.hold_reasons.split(",") if r),
        received_on=row.received_on, response=response)


async def received_since(db: Executor, client_key: str, since: datetime) -> list[datetime]:
    rows = await db.execute(select(_c.received_at).where(
        _c.client_key == client_key, _c.received_at > since))
    return [r.received_at for r in rows]


async def add_comment(db: Executor, values: dict[str, Any]) -> None:
    await db.execute(insert(feedback_comment).values(**values))


async def comment(db: Executor, la_code: str, feedback_id: str) -> CommentRecord | None:
    row = (await db.execute(_with_response().where(
        _c.la_code == la_code, _c.id == feedback_id))).one_or_none()
    return _record(row) if row is not None else None


async def add_response(db: Executor, values: dict[str, Any]) -> None:
    await db.execute(insert(feedback_response).values(**values))


async def comments_page(db: Executor, la_code: str, status: FeedbackStatus | None,
                        limit: int, offset: int) -> tuple[list[CommentRecord], int]:
    where = [_c.la_code == la_code] + ([_c.status == status.value] if status else [])
    total = await db.scalar(select(func.count()).select_from(feedback_comment).where(*where))
    rows = await db.execute(_with_response().where(*where)
                            .order_by(_c.received_at.desc(), _c.id).limit(limit).offset(offset))
    return [_record(r) for r in rows], int(total or 0)


async def published_counts(db: Executor, la_code: str) -> tuple[int, int]:
    """Published comments, and how many of them have a response."""
    row = (await db.execute(
        select(func.count(), func.count(_r.feedback_id))
        .select_from(feedback_comment.outerjoin(feedback_response, _r.feedback_id == _c.id))
        .where(_c.la_code == la_code, _c.status == FeedbackStatus.PUBLISHED.value))).one()
    return int(row[0]), int(row[1])


async def last_publication(db: Executor, la_code: str) -> PublicationRecord | None:
    p = feedback_publication.c
    row = (await db.execute(select(feedback_publication).where(p.la_code == la_code)
                            .order_by(p.published_on.desc()).limit(1))).one_or_none()
    return (PublicationRecord(row.id, row.published_on, row.summary, row.comments_published,
                              row.responses_published) if row is not None else None)


async def add_publication(db: Executor, values: dict[str, Any]) -> None:
    await db.execute(insert(feedback_publication).values(**values))


async def open_deadline_due_on(db: Executor, deadline_table: Any, offer_id: str,
                               kind: str) -> date | None:
    d = deadline_table.c
    return await db.scalar(select(d.due_on).where(d.case_id == offer_id, d.kind == kind,
                                                  d.status == OPEN))
