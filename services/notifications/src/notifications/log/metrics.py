"""A Prometheus collector over the delivery worker's latest snapshot (no I/O at scrape
time), and the count of resends after a claim ran out."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import Request
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector

from common.runtime import ServiceRuntime
from notifications.state import state_of


class DeliveryCollector(Collector):
    def __init__(self, runtime: ServiceRuntime) -> None:
        self.runtime = runtime

    def collect(self) -> Iterator[GaugeMetricFamily | CounterMetricFamily]:
        state = state_of(self.runtime)
        snap = state.snapshot
        deliveries = GaugeMetricFamily("notifications_deliveries",
                                       "deliveries by channel and status",
                                       labels=["channel", "status"])
        for channel, statuses in (snap.by_channel if snap else {}).items():
            for status, n in statuses.items():
                deliveries.add_metric([channel, status], n)
        yield deliveries
        yield GaugeMetricFamily("notifications_oldest_undelivered_age_seconds",
                                "age of the oldest pending, sending or retrying delivery",
                                value=snap.oldest_undelivered_age_s if snap else 0.0)
        yield CounterMetricFamily("notifications_resends",
                                  "deliveries sent again after a claim ran out mid-send "
                                  "(same Message-ID / reference / webhook-id)",
                                  value=state.resends)
        yield CounterMetricFamily("notifications_outcome_record_retries",
                                  "outcomes of sent deliveries retried while the database "
                                  "could not be reached", value=state.record_retries)
        up = GaugeMetricFamily("notifications_webhook_endpoint_up",
                               "1 if the endpoint is active and its last attempt succeeded",
                               labels=["endpoint", "org_code"])
        failures = GaugeMetricFamily("notifications_webhook_endpoint_consecutive_failures",
                                     "failed attempts since the last success",
                                     labels=["endpoint", "org_code"])
        for e in snap.endpoints if snap else []:
            healthy = e.status == "active" and e.consecutive_failures == 0
            up.add_metric([e.id, e.org_code], 1.0 if healthy else 0.0)
            failures.add_metric([e.id, e.org_code], e.consecutive_failures)
        yield up
        yield failures


async def ensure_collector(request: Request) -> None:
    """Router dependency: apps built without main.py (tests, the CLI) get the collector on
    their first API call."""
    install_collector(request.app)


def install_collector(app: object) -> None:
    """Register the collector on the app's metrics registry once."""
    state = app.state  # type: ignore[attr-defined]
    if getattr(state, "notifications_collector", None) is not None:
        return
    collector = DeliveryCollector(state.runtime)
    state.metrics.registry.register(collector)
    state.notifications_collector = collector
