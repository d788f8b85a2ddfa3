"""Request and response models of the notifications API."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from common.http import Page

Channel = Literal["email", "sms", "webhook", "in_app"]
StaffKind = Literal["team", "manager", "caseworker"]


class DeliveryRead(BaseModel):
    id: str
    case_id: str | None
    event_id: str
    event_type: str
    audience: str
    channel: str
    recipient: str
    subject: str
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


class RouteRead(BaseModel):
    event_type: str
    audience: str
    channels: list[str]
    statutory: bool
    enabled: bool
    overridden: bool


class RouteUpdate(BaseModel):
    channels: list[Channel] = Field(min_length=1)
    enabled: bool = True


class TemplateUpdate(BaseModel):
    subject: str = Field(max_length=500)
    body: str = Field(min_length=1, max_length=20_000)


class TemplateRead(BaseModel):
    event_type: str
    audience: str
    channel: str
    subject: str
    body: str
    version: int | None
    source: Literal["la", "default"]


class TemplatePreview(BaseModel):
    event_type: str
    audience: str
    channel: Channel = "email"
    subject: str | None = Field(default=None, description="omit to preview the stored template")
    body: str | None = None
    context: dict[str, Any] | None = Field(default=None,
                                           description="event data; default: a sample")


class RenderedRead(BaseModel):
    subject: str
    text: str


class StaffAddressUpdate(BaseModel):
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+$", max_length=320)


class StaffAddressRead(BaseModel):
    kind: str
    ref: str
    email: str


class OptOutUpdate(BaseModel):
    address: str = Field(min_length=3, max_length=320)
    opted_out: bool = True


class EndpointCreate(BaseModel):
    url: str = Field(max_length=2000)
    event_types: list[str] = Field(min_length=1)


class EndpointRead(BaseModel):
    id: str
    org_code: str
    url: str
    event_types: list[str]
    status: str
    disabled_reason: str | None
    created_at: datetime
    last_success_at: datetime | None
    last_failure_at: datetime | None
    consecutive_failures: int


class EndpointCreated(EndpointRead):
    secret: str = Field(description="shown once: verify signatures with it")


class SecretRotated(BaseModel):
    secret: str
    previous_valid_until: datetime


class ReplayRange(BaseModel):
    since: datetime
    until: datetime
    only_failed: bool = True


class ReplayResult(BaseModel):
    queued: int


class ChannelCounts(BaseModel):
    pending: int = 0
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
