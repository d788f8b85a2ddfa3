"""Response models of the delivery log, the caseworker inbox and the delivery report."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from common.http import Page


class DeliveryRead(BaseModel):
    id: str
    case_id: str | None
    event_id: str
    event_type: str
    audience: str
    channel: str
    recipient: str
    subject: str
    #: whom an email was addressed to by name ("Name <address>"), when known
    recipient_name: str | None = None
    status: str
    attempts: int
    last_error: str | None
    created_at: datetime
    sent_at: datetime | None
    next_attempt_at: datetime | None = None
    endpoint_id: str | None = None
    replays: int = 0


DeliveryPage = Page[DeliveryRead]


class InboxItemRead(BaseModel):
    id: str
    case_id: str | None
    event_type: str
    subject: str
    body: str
    created_at: datetime
    read: bool


class InboxPage(Page[InboxItemRead]):
    unread: int


class ChannelCounts(BaseModel):
    pending: int = 0
    sending: int = 0
    retrying: int = 0
    sent: int = 0
    failed: int = 0
    suppressed: int = 0


class EndpointHealth(BaseModel):
    id: str
    org_code: str
    url: str
    status: str
    disabled_reason: str | None
    last_success_at: datetime | None
    last_failure_at: datetime | None
    consecutive_failures: int
    sent: int
    failed: int
    undelivered: int


class DeliveryReport(BaseModel):
    by_channel: dict[str, ChannelCounts]
    oldest_undelivered_at: datetime | None
    oldest_undelivered_age_s: float
    endpoints: list[EndpointHealth]
