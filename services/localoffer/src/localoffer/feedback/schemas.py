"""Request and response models of the feedback API (never the tables or the event)."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from uuid import UUID

from pydantic import BaseModel, Field, StringConstraints

from localoffer import examples as ex
from localoffer.examples import examples, page_of
from localoffer.feedback.rules import CommenterKind, FeedbackStatus, FeedbackTopic, HoldReason

COMMENT_MAX = 2000
RESPONSE_MAX = 4000

CommentText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                               max_length=COMMENT_MAX)]
ResponseText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                                max_length=RESPONSE_MAX)]


class FeedbackCreate(BaseModel):
    """A comment on the local offer; no account, no name, no contact details."""

    model_config = examples(ex.COMMENT, extra="forbid")

    topic: FeedbackTopic = Field(description="content, quality, gaps or accessibility (R8.3)")
    comment: CommentText
    commenter_kind: CommenterKind | None = None
    entry_id: UUID | None = Field(default=None, description="the entry the comment is about")


class HoldReasonRead(BaseModel):
    reason: HoldReason
    explanation: str


class FeedbackReceipt(BaseModel):
    model_config = examples(
        {"feedback_id": "0e8d4a71-2c9b-4f3e-8a6d-5c1b7e9f2a04", "status": "published",
         "received_on": "2026-03-02", "held_because": []},
        {"feedback_id": "1f9e5b82-3dac-4a4f-9b7e-6d2c8fa03b15", "status": "held",
         "received_on": "2026-03-02", "held_because": [
             {"reason": "phone_number", "explanation": "It gives a phone number; we do not "
              "publish contact details."}]})

    feedback_id: str
    status: FeedbackStatus
    received_on: date
    held_because: list[HoldReasonRead] = Field(
        default_factory=list, description="why the comment will not be published, if held")


class ResponseCreate(BaseModel):
    model_config = examples({"response": ex.RESPONSE["response"],
                             "actions": ex.RESPONSE["actions"]}, extra="forbid")

    response: ResponseText
    actions: ResponseText | None = Field(default=None, description="what the LA will do")


class ResponseRead(BaseModel):
    model_config = examples(ex.RESPONSE)

    response: str
    actions: str | None
    responded_on: date


_FEEDBACK_READ = {
        "id": "0e8d4a71-2c9b-4f3e-8a6d-5c1b7e9f2a04", "topic": "gaps",
        "commenter_kind": "parent", "entry_id": ex.ENTRY_ID,
        "comment": "Several clubs do not say when they are open.", "status": "published",
        "hold_reasons": [], "received_on": "2026-03-02", "response": ex.RESPONSE}


class FeedbackRead(BaseModel):
    """A comment as LA staff see it, held ones included."""

    model_config = examples(_FEEDBACK_READ)

    id: str
    topic: FeedbackTopic
    commenter_kind: CommenterKind | None
    entry_id: str | None
    comment: str
    status: FeedbackStatus
    hold_reasons: list[HoldReason]
    received_on: date
    response: ResponseRead | None


class FeedbackPage(BaseModel):
    model_config = page_of(_FEEDBACK_READ)

    items: list[FeedbackRead]
    total: int
    limit: int
    offset: int


_YSWD = {
        "feedback_id": "0e8d4a71-2c9b-4f3e-8a6d-5c1b7e9f2a04", "topic": "gaps",
        "comment": "Several clubs do not say when they are open.",
        "received_on": "2026-03-02", "response": ex.RESPONSE}


class YouSaidWeDidItem(BaseModel):
    """A published comment, anonymised (nothing about who sent it), with the response."""

    feedback_id: str
    topic: FeedbackTopic
    comment: str
    received_on: date
    response: ResponseRead | None


class YouSaidWeDidPage(BaseModel):
    model_config = examples({"la_code": "201", "items": [_YSWD], "total": 1, "limit": 50,
                             "offset": 0, "last_published_on": "2026-03-20",
                             "next_publication_due_on": "2027-03-20"})

    la_code: str
    items: list[YouSaidWeDidItem]
    total: int
    limit: int
    offset: int
    last_published_on: date | None
    next_publication_due_on: date | None


class PublicationCreate(BaseModel):
    model_config = examples({"summary": "What you told us this year and what we changed"},
                            extra="forbid")

    summary: ResponseText | None = Field(default=None, description="the LA's overview")


class PublicationRead(BaseModel):
    model_config = examples({"id": "4a5b6c7d-7777-4000-8000-00000000a101",
                             "published_on": "2026-03-20",
                             "summary": "What you told us this year and what we changed",
                             "comments_published": 14, "responses_published": 14,
                             "next_publication_due_on": "2027-03-20"})

    id: str
    published_on: date
    summary: str | None
    comments_published: int
    responses_published: int
    next_publication_due_on: date
