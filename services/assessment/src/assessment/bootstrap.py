"""The assessment service's composition root."""

from __future__ import annotations

from pathlib import Path

from assessment import (
    api,
    api_advice,
    api_plans,
    api_reviews,
    api_transfers,
    api_views,
    contracts,
    section_j_consumer,
    tables,
    tables_lifecycle,
)
from assessment.domain.errors import RuleViolation
from common.runtime import ServiceSpec

SERVICE_ROOT = Path(__file__).resolve().parents[2]


def spec() -> ServiceSpec:
    return ServiceSpec(
        name="assessment",
        description="Cases, EHC needs assessments, advice, EHC plans, reviews, transfers and "
                    "ceasing, each statutory step kept to the day.",
        metadata=tables_lifecycle.metadata, tables=tables.platform, registry=contracts.registry,
        service_root=SERVICE_ROOT, routers=[api.router, api_advice.router, api_plans.router,
                                            api_reviews.router, api_transfers.router,
                                            api_views.router],
        handlers=section_j_consumer.handlers, consumes_from=("budgets",),
        rule_violation_types=(RuleViolation,),
    )
