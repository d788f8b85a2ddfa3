"""The mediation service's composition root."""

from __future__ import annotations

from pathlib import Path

from common.runtime import ServiceSpec
from mediation import api, api_appeals, api_steps, consumers, contracts, tables
from mediation.domain.errors import RuleViolation

SERVICE_ROOT = Path(__file__).resolve().parents[2]


def spec() -> ServiceSpec:
    return ServiceSpec(
        name="mediation",
        description="Mediation cases, certificates, sessions, outcomes and Tribunal appeals "
                    "for every appealable decision.",
        metadata=tables.metadata, tables=tables.platform, registry=contracts.registry,
        service_root=SERVICE_ROOT, routers=[api.router, api_steps.router, api_appeals.router],
        handlers=consumers.handlers,
        consumes_from=("assessment",), rule_violation_types=(RuleViolation,),
    )
