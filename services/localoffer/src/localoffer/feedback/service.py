"""Use cases of the feedback feature: receive a comment (rate limit, moderation, event,
yearly publication deadline), answer it, publish "you said, we did" (R8.3).

Load, decide with the pure rules, save, emit; the caller's unit of work commits."""

from __future__ import annotations

import hashlib
import hmac
import uuid
from datetime import date

from common.db.uow import UnitOfWork
from common.deadlines import DeadlineBook
from common.errors import Conflict, NotFound, RuleViolation
from common.principal import Principal
from localoffer.contracts import FEEDBACK_RECEIVED, FeedbackReceivedV1
from localoffer.entries import repository as entries_repository
from localoffer.feedback import repository, rules
from localoffer.feedback.repository import CommentRecord, PublicationRecord
from localoffer.feedback.rules import FeedbackStatus, RateLimit
from localoffer.feedback.schemas import FeedbackCreate, PublicationCreate, ResponseCreate

PUBLICATION_DEADLINE = "you_said_we_did_publication"


class CommentFlood(Exception):
    """Too many comments from one address within the rate-limit window."""

    def __init__(self, retry_after_s: int, limit: RateLimit) -> None:
        super().__init__(f"more than {limit.max_comments} comments within {limit.window}")
        self.retry_after_s = retry_after_s
        self.limit = limit


def offer_id(la_code: str) -> str:
    """A stable id for an LA's local offer as a whole: the 'case' its deadlines hang on."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"sendsys:localoffer:{la_code}"))


def client_key(address: str, secret: bytes) -> str:
    """A keyed hash of the sender's address: enough to count, not enough to recover it."""
    return hmac.new(secret, address.encode(), hashlib.sha256).hexdigest()


async def receive_comment(uow: UnitOfWork, deadlines: DeadlineBook, la_code: str,
                          body: FeedbackCreate, key: str,
                          limit: RateLimit = RateLimit()) -> tuple[str, rules.Moderation]:
    now = uow.clock.now()
    recent = await repository.received_since(uow.connection, key, now - limit.window)
    wait = rules.retry_after_seconds(recent, now, limit)
    if wait is not None:
        raise CommentFlood(wait, limit)
    if body.entry_id is not None:
        await _check_entry(uow, la_code, str(body.entry_id))
    moderation = rules.moderate(body.comment)
    feedback_id = str(uuid.uuid4())
    received_on = uow.clock.today()
    await repository.add_comment(uow.connection, {
        "id": feedback_id, "la_code": la_code, "topic": body.topic.value,
        "commenter_kind": body.commenter_kind.value if body.commenter_kind else None,
        "entry_id": str(body.entry_id) if body.entry_id else None, "comment": body.comment,
        "status": moderation.status.value,
        "hold_reasons": ",".join(r.value for r in moderation.reasons),
        "client_key": key, "received_at": now, "received_on": received_on})
    uow.emit(FEEDBACK_RECEIVED, FeedbackReceivedV1(feedback_id=feedback_id, la_code=la_code,
                                                   received_on=received_on),
             subject=f"feedback/{feedback_id}", la_code=la_code)
    await _keep_publication_deadline(uow, deadlines, la_code, received_on)
    return feedback_id, moderation


async def _check_entry(uow: UnitOfWork, la_code: str, entry_id: str) -> None:
    found = await entries_repository.load_published(uow.connection, [entry_id])
    if not found or found[0].la_code != la_code:
        raise RuleViolation("R8.3", "A comment can be about a published entry of this "
                            "local offer only", field="entry_id")


async def _keep_publication_deadline(uow: UnitOfWork, deadlines: DeadlineBook, la_code: str,
                                     first_comment_on: date) -> None:
    """Open the yearly publication deadline when the LA has none open (R8.3)."""
    offer = offer_id(la_code)
    if await repository.open_deadline_due_on(uow.connection, deadlines.tables.deadline, offer,
                                             PUBLICATION_DEADLINE) is not None:
        return
    last = await repository.last_publication(uow.connection, la_code)
    due_on = rules.publication_due_on(last.published_on if last else None, first_comment_on)
    assert due_on is not None
    await deadlines.open(uow, la_code=la_code, case_id=offer, kind=PUBLICATION_DEADLINE,
                         due_on=due_on, opened_on=first_comment_on)


async def respond(uow: UnitOfWork, principal: Principal, feedback_id: str,
                  body: ResponseCreate) -> CommentRecord:
    found = await repository.comment(uow.connection, principal.la_code, feedback_id)
    if found is None:
        raise NotFound(f"Comment {feedback_id} of LA {principal.la_code}")
    rules.decide_response(found.status, found.response is not None)
    now = uow.clock.now()
    await repository.add_response(uow.connection, {
        "feedback_id": feedback_id, "response": body.response, "actions": body.actions,
        "responded_by": principal.subject, "responded_at": now})
    return CommentRecord(**{**found.__dict__, "response": repository.ResponseRecord(
        body.response, body.actions, now)})


async def publish(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                  body: PublicationCreate) -> tuple[PublicationRecord, date]:
    """Record this year's publication of "you said, we did"; the next is due a year on."""
    today = uow.clock.today()
    last = await repository.last_publication(uow.connection, principal.la_code)
    if last is not None and last.published_on == today:
        raise Conflict("You said, we did was already published today", publication_id=last.id)
    comments, responses = await repository.published_counts(uow.connection, principal.la_code)
    record = PublicationRecord(str(uuid.uuid4()), today, body.summary, comments, responses)
    await repository.add_publication(uow.connection, {
        "id": record.id, "la_code": principal.la_code, "published_on": today,
        "summary": body.summary, "comments_published": comments,
        "responses_published": responses, "published_by": principal.subject,
        "created_at": uow.clock.now()})
    offer = offer_id(principal.la_code)
    await deadlines.close(uow, case_id=offer, kind=PUBLICATION_DEADLINE, closed_on=today)
    next_due = rules.publication_due_on(today, None)
    assert next_due is not None
    await deadlines.open(uow, la_code=principal.la_code, case_id=offer,
                         kind=PUBLICATION_DEADLINE, due_on=next_due, opened_on=today)
    return record, next_due


async def publication_status(db: repository.Executor, deadline_table: object,
                             la_code: str) -> tuple[date | None, date | None]:
    """The last publication day and the day the next one is due."""
    last = await repository.last_publication(db, la_code)
    due = await repository.open_deadline_due_on(db, deadline_table, offer_id(la_code),
                                                PUBLICATION_DEADLINE)
    return (last.published_on if last else None), due


async def published_page(db: repository.Executor, la_code: str, limit: int, offset: int,
                         ) -> tuple[list[CommentRecord], int]:
    """Published comments, newest first, for "you said, we did" (held ones never)."""
    return await repository.comments_page(db, la_code, FeedbackStatus.PUBLISHED, limit, offset)


async def staff_page(db: repository.Executor, principal: Principal,
                     status: FeedbackStatus | None, limit: int, offset: int,
                     ) -> tuple[list[CommentRecord], int]:
    """Every comment of the principal's LA, held ones included (LA staff)."""
    return await repository.comments_page(db, principal.la_code, status, limit, offset)
