"""The notifications service's composition root."""

from __future__ import annotations

from pathlib import Path

from common.runtime import ServiceRuntime, ServiceSpec
from notifications import consumers, contracts
from notifications.admin import api as admin_api
from notifications.db import metadata, platform
from notifications.delivery import tables as delivery_tables
from notifications.delivery.dispatch import Dispatcher, email_sender_for
from notifications.delivery.worker import DeliveryWorker
from notifications.letters import api as letters_api
from notifications.letters import tables as letter_tables
from notifications.log import api as log_api
from notifications.planning import tables as planning_tables
from notifications.state import state_of
from notifications.webhooks import api as webhooks_api
from notifications.webhooks import tables as webhook_tables

SERVICE_ROOT = Path(__file__).resolve().parents[2]
#: every feature's tables, registered on the one metadata
TABLE_MODULES = (delivery_tables, planning_tables, webhook_tables, letter_tables)
METADATA = metadata


def delivery_worker(runtime: ServiceRuntime) -> DeliveryWorker:
    """The runtime's delivery worker, built (again) from its current own settings."""
    state = state_of(runtime)
    own = state.settings
    dispatcher = Dispatcher(own, email_sender_for(own),
                            allow_http=runtime.settings.is_dev_or_test)
    state.worker = DeliveryWorker(runtime, dispatcher, state)
    return state.worker


def spec() -> ServiceSpec:
    return ServiceSpec(
        name="notifications",
        description="Deadlines, certificates and decisions delivered to the right people by "
                    "email, SMS, signed webhooks and an in-app inbox.",
        metadata=METADATA, tables=platform, registry=contracts.registry,
        service_root=SERVICE_ROOT,
        routers=[log_api.router, admin_api.router, webhooks_api.router, letters_api.router],
        handlers=consumers.handlers,
        consumes_from=("assessment", "mediation", "budgets"),
        workers=(lambda runtime: delivery_worker(runtime).run(),),
    )


def delivery_worker_of(runtime: ServiceRuntime) -> DeliveryWorker:
    """The runtime's current delivery worker (built on first use)."""
    worker = state_of(runtime).worker
    return worker if worker is not None else delivery_worker(runtime)
