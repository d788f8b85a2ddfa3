"""Thin routers of the feedback feature: public comments and "you said, we did", LA
responses and the yearly publication (R8.3)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, status

from common.auth import LaStaff
from common.problems import Problem
from common.web import Runtime, Transaction
from localoffer.clients import address_of
from localoffer.errors import TooLarge
from localoffer.feedback import service
from localoffer.feedback.repository import CommentRecord
from localoffer.feedback.rules import HOLD_EXPLANATIONS, FeedbackStatus, Moderation
from localoffer.feedback.schemas import (
    FeedbackCreate,
    FeedbackPage,
    FeedbackRead,
    FeedbackReceipt,
    HoldReasonRead,
    PublicationCreate,
    PublicationRead,
    ResponseCreate,
    ResponseRead,
    YouSaidWeDidItem,
    YouSaidWeDidPage,
)
from localoffer.reading import ReadConnection

BODY_LIMIT = 16_384  # bytes: a comment is at most 2,000 characters


async def declared_size_within_limit(request: Request) -> None:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > BODY_LIMIT:
        raise TooLarge(BODY_LIMIT)


router = APIRouter(prefix="/v1", tags=["feedback"],
                   dependencies=[Depends(declared_size_within_limit)])
LaCode = Annotated[str, Path(pattern=r"^\d{3}$", description="the LA's three-digit code")]
Limit = Annotated[int, Query(ge=1, le=200)]
Offset = Annotated[int, Query(ge=0)]


def flood_problem(exc: service.CommentFlood) -> Problem:
    return Problem(429, f"Too many comments from this address: at most "
                   f"{exc.limit.max_comments} an hour. Try again later.",
                   kind="comment-flood", headers={"Retry-After": str(exc.retry_after_s)},
                   retry_after_seconds=exc.retry_after_s)


def client_key(request: Request, runtime: Runtime) -> str:
    address = address_of(request)
    return service.client_key(address, runtime.settings.jwt_secret.get_secret_value().encode())


def receipt(feedback_id: str, moderation: Moderation, received_on: date) -> FeedbackReceipt:
    return FeedbackReceipt(
        feedback_id=feedback_id, status=moderation.status, received_on=received_on,
        held_because=[HoldReasonRead(reason=r, explanation=HOLD_EXPLANATIONS[r])
                      for r in moderation.reasons])


def response_read(record: CommentRecord) -> ResponseRead | None:
    if record.response is None:
        return None
    return ResponseRead(response=record.response.response, actions=record.response.actions,
                        responded_on=record.response.responded_at.date())


def public_item(record: CommentRecord) -> YouSaidWeDidItem:
    return YouSaidWeDidItem(feedback_id=record.id, topic=record.topic, comment=record.comment,
                            received_on=record.received_on, response=response_read(record))


def staff_read(record: CommentRecord) -> FeedbackRead:
    return FeedbackRead(
        id=record.id, topic=record.topic, commenter_kind=record.commenter_kind,
        entry_id=record.entry_id, comment=record.comment, status=record.status,
        hold_reasons=list(record.hold_reasons), received_on=record.received_on,
        response=response_read(record))


@router.post("/local-offers/{la_code}/feedback", response_model=FeedbackReceipt,
             status_code=status.HTTP_201_CREATED,
             summary="Comment on the local offer, without an account (R8.3)")
async def leave_comment(la_code: LaCode, body: FeedbackCreate, request: Request,
                        runtime: Runtime, uow: Transaction) -> FeedbackReceipt:
    """Families and young people comment on the local offer without an account (R8.3). Rate-
    limited per client; comments with personal case details or abuse are held back and the
    commenter is told why."""
    try:
        feedback_id, moderation = await service.receive_comment(
            uow, runtime.deadlines, la_code, body, client_key(request, runtime))
    except service.CommentFlood as exc:
        raise flood_problem(exc) from exc
    return receipt(feedback_id, moderation, uow.clock.today())


@router.get("/local-offers/{la_code}/you-said-we-did", response_model=YouSaidWeDidPage,
            summary="Published comments, anonymised, with the LA's responses (R8.3)")
async def you_said_we_did(la_code: LaCode, runtime: Runtime, conn: ReadConnection,
                          limit: Limit = 50, offset: Offset = 0) -> YouSaidWeDidPage:
    """The public "you said, we did" list: published comments, anonymised, with the LA's
    responses and actions, and when the LA last published it (R8.3)."""
    records, total = await service.published_page(conn, la_code, limit, offset)
    last, due = await service.publication_status(conn, runtime.spec.tables.deadline, la_code)
    return YouSaidWeDidPage(la_code=la_code, items=[public_item(r) for r in records],
                            total=total, limit=limit, offset=offset, last_published_on=last,
                            next_publication_due_on=due)


@router.get("/feedback", response_model=FeedbackPage,
            summary="Every comment of the caller's LA, held ones included")
async def list_feedback(conn: ReadConnection, principal: LaStaff,
                        feedback_status: Annotated[FeedbackStatus | None,
                                                   Query(alias="status")] = None,
                        limit: Limit = 50, offset: Offset = 0) -> FeedbackPage:
    """Every comment to the caller's LA, held ones included with the reasons, optionally of one
    status. LA staff only."""
    records, total = await service.staff_page(conn, principal, feedback_status, limit, offset)
    return FeedbackPage(items=[staff_read(r) for r in records], total=total, limit=limit,
                        offset=offset)


@router.post("/feedback/{feedback_id}/response", response_model=FeedbackRead,
             status_code=status.HTTP_201_CREATED,
             summary="The LA's response and actions on a published comment (R8.3)")
async def respond(feedback_id: str, body: ResponseCreate, uow: Transaction,
                  principal: LaStaff) -> FeedbackRead:
    """The LA's response to a comment and the actions it will take (R8.3); the comment is then
    published, anonymised."""
    return staff_read(await service.respond(uow, principal, feedback_id, body))


@router.post("/feedback/publications", response_model=PublicationRead,
             status_code=status.HTTP_201_CREATED,
             summary='Record this year\'s publication of "you said, we did" (R8.3)')
async def publish(body: PublicationCreate, runtime: Runtime, uow: Transaction,
                  principal: LaStaff) -> PublicationRead:
    """Record this year's publication of the comments and responses (R8.3); the next
    publication falls due a year later."""
    record, next_due = await service.publish(uow, runtime.deadlines, principal, body)
    return PublicationRead(id=record.id, published_on=record.published_on,
                           summary=record.summary, comments_published=record.comments_published,
                           responses_published=record.responses_published,
                           next_publication_due_on=next_due)
