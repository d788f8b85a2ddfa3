"""Request and response models of the notifications API."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel


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


class DeliveryPage(BaseModel):
    items: list[DeliveryRead]
    total: int
    limit: int
    offset: int
