"""The events the notifications service publishes (EVENTS.md, notifications table)."""

from __future__ import annotations

from pydantic import BaseModel

from common.messaging.registry import EventRegistry

SERVICE = "notifications"
registry = EventRegistry(SERVICE)

DELIVERY_FAILED = "send.notifications.delivery.failed.v1"


class DeliveryFailedV1(BaseModel):
    delivery_id: str
    event_id: str
    channel: str
    recipient_ref: str
    attempts: int
    last_error: str


registry.register(DELIVERY_FAILED, DeliveryFailedV1)
