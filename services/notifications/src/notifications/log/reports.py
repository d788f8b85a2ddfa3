"""Delivery reporting: deliveries by channel and status, the oldest undelivered message,
webhook endpoint health."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncConnection

from notifications.domain.enums import DeliveryStatus
from notifications.domain.records import Endpoint
from notifications.log import repository
from notifications.webhooks import repository as endpoints


@dataclass(frozen=True)
class EndpointHealth:
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


@dataclass(frozen=True)
class DeliverySnapshot:
    by_channel: dict[str, dict[str, int]]
    oldest_undelivered_at: datetime | None
    oldest_undelivered_age_s: float
    endpoints: list[EndpointHealth] = field(default_factory=list)


async def snapshot(connection: AsyncConnection, la_code: str | None,
                   now: datetime) -> DeliverySnapshot:
    by_channel: dict[str, dict[str, int]] = {}
    for channel, status, n in await repository.counts_by_channel(connection, la_code):
        by_channel.setdefault(channel, {s.value: 0 for s in DeliveryStatus})[status] = n
    oldest = await repository.oldest_undelivered(connection, la_code)
    known = await endpoints.endpoints_of_la(connection, la_code)
    counts: dict[str, dict[str, int]] = {}
    for endpoint_id, status, n in await repository.endpoint_counts(connection,
                                                                   [e.id for e in known]):
        counts.setdefault(endpoint_id, {})[status] = n
    return DeliverySnapshot(
        by_channel=by_channel, oldest_undelivered_at=oldest,
        oldest_undelivered_age_s=(now - oldest).total_seconds() if oldest else 0.0,
        endpoints=[_endpoint_health(e, counts.get(e.id, {})) for e in known])


def _endpoint_health(endpoint: Endpoint, counts: dict[str, int]) -> EndpointHealth:
    return EndpointHealth(
        id=endpoint.id, org_code=endpoint.org_code, url=endpoint.url, status=endpoint.status,
        disabled_reason=endpoint.disabled_reason, last_success_at=endpoint.last_success_at,
        last_failure_at=endpoint.last_failure_at,
        consecutive_failures=endpoint.consecutive_failures,
        sent=counts.get(DeliveryStatus.SENT, 0), failed=counts.get(DeliveryStatus.FAILED, 0),
        undelivered=sum(counts.get(s, 0) for s in (DeliveryStatus.PENDING,
                                                    DeliveryStatus.RETRYING,
                                                    DeliveryStatus.SENDING)))
