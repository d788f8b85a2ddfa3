"""Delivery reporting: sent / failed / retrying by channel, the oldest undelivered message,
webhook endpoint health; and a Prometheus collector over the worker's latest snapshot."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from fastapi import Request
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy.ext.asyncio import AsyncSession

from notifications import directory, repository

STATUSES = ("pending", "retrying", "sent", "failed", "suppressed")


async def snapshot(session: AsyncSession, la_code: str | None, now: datetime) -> dict[str, Any]:
    by_channel: dict[str, dict[str, int]] = {}
    for row in await repository.counts_by_channel(session, la_code):
        by_channel.setdefault(row["channel"], dict.fromkeys(STATUSES, 0))[row["status"]] = \
            int(row["n"])
    oldest = await repository.oldest_undelivered(session, la_code)
    endpoints = await directory.endpoints_of_la(session, la_code)
    counts: dict[str, dict[str, int]] = {}
    for row in await repository.endpoint_counts(session, [e["id"] for e in endpoints]):
        counts.setdefault(row["endpoint_id"], {})[row["status"]] = int(row["n"])
    return {
        "by_channel": by_channel,
        "oldest_undelivered_at": oldest,
        "oldest_undelivered_age_s": (now - oldest).total_seconds() if oldest else 0.0,
        "endpoints": [_endpoint_health(e, counts.get(e["id"], {})) for e in endpoints],
    }


def _endpoint_health(endpoint: Any, counts: dict[str, int]) -> dict[str, Any]:
    return {
        "id": endpoint["id"], "org_code": endpoint["org_code"], "url": endpoint["url"],
        "status": endpoint["status"], "disabled_reason": endpoint["disabled_reason"],
        "last_success_at": endpoint["last_success_at"],
        "last_failure_at": endpoint["last_failure_at"],
        "consecutive_failures": endpoint["consecutive_failures"],
        "sent": counts.get("sent", 0), "failed": counts.get("failed", 0),
        "undelivered": counts.get("pending", 0) + counts.get("retrying", 0),
    }


class DeliveryCollector(Collector):
    """Gauges from the latest snapshot the delivery worker took (no I/O at scrape time)."""

    def __init__(self, extras: dict[str, Any]) -> None:
        self.extras = extras

    def collect(self) -> Iterator[GaugeMetricFamily]:
        snap = self.extras.get("metrics_snapshot") or {}
        deliveries = GaugeMetricFamily("notifications_deliveries",
                                       "deliveries by channel and status",
                                       labels=["channel", "status"])
        for channel, statuses in (snap.get("by_channel") or {}).items():
            for status, n in statuses.items():
                deliveries.add_metric([channel, status], n)
        yield deliveries
        yield GaugeMetricFamily("notifications_oldest_undelivered_age_seconds",
                                "age of the oldest pending or retrying delivery",
                                value=snap.get("oldest_undelivered_age_s", 0.0))
        up = GaugeMetricFamily("notifications_webhook_endpoint_up",
                               "1 if the endpoint is active and its last attempt succeeded",
                               labels=["endpoint", "org_code"])
        failures = GaugeMetricFamily("notifications_webhook_endpoint_consecutive_failures",
                                     "failed attempts since the last success",
                                     labels=["endpoint", "org_code"])
        for e in snap.get("endpoints") or []:
            healthy = e["status"] == "active" and e["consecutive_failures"] == 0
            up.add_metric([e["id"], e["org_code"]], 1.0 if healthy else 0.0)
            failures.add_metric([e["id"], e["org_code"]], e["consecutive_failures"])
        yield up
        yield failures


async def ensure_collector(request: Request) -> None:
    """Router dependency: apps built without main.py (tests, the CLI) get the collector on
    their first API call."""
    install_collector(request.app)


def install_collector(app: Any) -> None:
    """Register the collector on the app's metrics registry once."""
    state = app.state
    if getattr(state, "notifications_collector", None) is not None:
        return
    collector = DeliveryCollector(state.runtime.extras)
    state.metrics.registry.register(collector)
    state.notifications_collector = collector
