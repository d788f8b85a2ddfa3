"""Request and response models of the feedback API (never the tables or the event)."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from localoffer.feedback.rules import CommenterKind, FeedbackStatus, FeedbackTopic, HoldReason

COMMENT_MAX = 2000
RESPONSE_MAX = 4000

CommentText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                               max_length=COMMENT_MAX)]
ResponseText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                                max_length=RESPONSE_MAX)]


class FeedbackCreate(BaseModel):
    """A comment on the local offer; no account, no name, no contact details."""

    model_config = ConfigDict(extra="forbid")

    topic: FeedbackTopic = Field(description="content, quality, gaps or accessibility (R8.3)")
    comment: CommentText
    commenter_kind: CommenterKind | None = None
    entry_id: UUID | None = Field(default=None, description="the entry the comment is about")


class HoldReasonRead(BaseModel):
    reason: HoldReason
    explanation: str


class FeedbackReceipt(BaseModel):
    feedback_id: str
    status: FeedbackStatus
    received_on: date
    held_because: list[HoldReasonRead] = Field(
        default_factory=list, description="why the comment will not be published, if held")


class ResponseCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    response: ResponseText
    actions: ResponseText | None = Field(default=None, description="what the LA will do")


class ResponseRead(BaseModel):
    response: str
    actions: str | None
    responded_on: date


class FeedbackRead(BaseModel):
    """A comment as LA staff see it, held ones included."""

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
    items: list[FeedbackRead]
    total: int
    limit: int
    offset: int


class YouSaidWeDidItem(BaseModel):
    """A published comment, anonymised (nothing about who sent it), with the response."""

    feedback_id: str
    topic: FeedbackTopic
    comment: str
    received_on: date
    response: ResponseRead | None


class YouSaidWeDidPage(BaseModel):
    la_code: str
    items: list[YouSaidWeDidItem]
    total: int
    limit: int
    offset: int
    last_published_on: date | None
    next_publication_due_on: date | None


class PublicationCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    summary: ResponseText | None = Field(default=None, description="the LA's overview")


class PublicationRead(BaseModel):
    id: str
    published_on: date
    summary: str | None
    comments_published: int
    responses_published: int
    next_publication_due_on: date
