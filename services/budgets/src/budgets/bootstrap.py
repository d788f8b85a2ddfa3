"""The budgets service's composition root."""

from __future__ import annotations

from pathlib import Path

from budgets import consumers, contracts, tables
from budgets.budgets import api as budgets_api
from budgets.direct_payments import api as direct_payments_api
from budgets.eligibility import api as eligibility_api
from budgets.policy import api as policy_api
from budgets.reporting import api as reporting_api
from budgets.section_j import api as section_j_api
from common.runtime import ServiceSpec

SERVICE_ROOT = Path(__file__).resolve().parents[2]


def spec() -> ServiceSpec:
    return ServiceSpec(
        name="budgets",
        description="The LA's personal budget policy, personal budget requests and "
                    "decisions, direct payments and Section J.",
        metadata=tables.metadata, tables=tables.platform, registry=contracts.registry,
        service_root=SERVICE_ROOT,
        routers=[policy_api.router, eligibility_api.router, budgets_api.router,
                 direct_payments_api.router,
                 section_j_api.router, reporting_api.router],
        handlers=consumers.handlers, consumes_from=("assessment",),
    )
