"""Request and response models of partner webhook subscriptions."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from common.http import Page


class EndpointCreate(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "url": "https://integration.example-icb.nhs.uk/sendsys/hook",
        "event_types": ["send.assessment.advice.requested.v1",
                        "send.mediation.requested.v1"]}]})

    url: str = Field(max_length=2000, description="https only; it must resolve to public "
                     "addresses (checked now and before every delivery)")
    event_types: list[str] = Field(min_length=1, description="the event types to receive")


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
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "since": "2026-03-02T00:00:00Z", "until": "2026-03-03T00:00:00Z",
        "only_failed": True}]})

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
