"""The notifications service's composition root."""

from __future__ import annotations

from pathlib import Path

from common.runtime import ServiceRuntime, ServiceSpec
from notifications import api, consumers, contracts, tables
from notifications.delivery import DeliveryWorker, email_sender_for

SERVICE_ROOT = Path(__file__).resolve().parents[2]


def delivery_worker(runtime: ServiceRuntime) -> DeliveryWorker:
    worker = DeliveryWorker(runtime, email_sender_for(runtime))
    runtime.extras["delivery_worker"] = worker
    return worker


def spec() -> ServiceSpec:
    return ServiceSpec(
        name="notifications",
        description="Deadlines, certificates and decisions delivered to the right people by "
                    "email, SMS, signed webhooks and an in-app inbox.",
        metadata=tables.metadata, tables=tables.platform, registry=contracts.registry,
        service_root=SERVICE_ROOT, routers=[api.router], handlers=consumers.handlers,
        consumes_from=("assessment", "mediation", "budgets"),
        workers=(lambda runtime: delivery_worker(runtime).run(),),
    )
