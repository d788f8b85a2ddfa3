"""The assessment service's composition root."""

from __future__ import annotations

from pathlib import Path

from assessment import api, contracts, tables
from assessment.domain.errors import RuleViolation
from common.runtime import ServiceSpec

SERVICE_ROOT = Path(__file__).resolve().parents[2]


def spec() -> ServiceSpec:
    return ServiceSpec(
        name="assessment",
        description="Cases, EHC needs assessments, advice, EHC plans, reviews, transfers and "
                    "ceasing, each statutory step kept to the day.",
        metadata=tables.metadata, tables=tables.platform, registry=contracts.registry,
        service_root=SERVICE_ROOT, routers=[api.router],
        rule_violation_types=(RuleViolation,),
    )
