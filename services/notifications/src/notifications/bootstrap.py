"""The notifications service's composition root."""

from __future__ import annotations

from pathlib import Path

from common.runtime import ServiceRuntime, ServiceSpec
from notifications import api, api_admin, api_webhooks, consumers, contracts, tables
from notifications.delivery import DeliveryWorker
from notifications.dispatch import Dispatcher, email_sender_for
from notifications.settings import own_settings

SERVICE_ROOT = Path(__file__).resolve().parents[2]


def delivery_worker(runtime: ServiceRuntime) -> DeliveryWorker:
    own = own_settings(runtime)
    dispatcher = Dispatcher(runtime.settings, own, email_sender_for(runtime.settings))
    worker = DeliveryWorker(runtime, dispatcher, own)
    runtime.extras["delivery_worker"] = worker
    return worker


def spec() -> ServiceSpec:
    return ServiceSpec(
        name="notifications",
        description="Deadlines, certificates and decisions delivered to the right people by "
                    "email, SMS, signed webhooks and an in-app inbox.",
        metadata=tables.metadata, tables=tables.platform, registry=contracts.registry,
        service_root=SERVICE_ROOT,
        routers=[api.router, api_admin.router, api_webhooks.router],
        handlers=consumers.handlers,
        consumes_from=("assessment", "mediation", "budgets"),
        workers=(lambda runtime: delivery_worker(runtime).run(),),
    )
