"""Request and response models of partner webhook subscriptions."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from common.http import Page


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


class PartnerDeliveryRead(BaseModel):
    """A delivery as its partner sees it: what was sent and its status; the receiver's
    own answers stay in the LA's log."""

    id: str
    event_id: str
    event_type: str
    status: str
    attempts: int
    created_at: datetime
    sent_at: datetime | None
    next_attempt_at: datetime | None = None
    endpoint_id: str | None = None
    replays: int = 0


PartnerDeliveryPage = Page[PartnerDeliveryRead]
