"""The mediation service's composition root: its features' routers and tables, its events
and the events it consumes."""

from __future__ import annotations

from pathlib import Path

from common.runtime import ServiceSpec
from mediation import consumers, contracts, db
from mediation.appeals import api as appeals
from mediation.arranging import api as arranging
from mediation.cases import api as cases
from mediation.disagreements import api as disagreements
from mediation.outcomes import api as outcomes
from mediation.registry import api as registry
from mediation.reporting import api as reporting

SERVICE_ROOT = Path(__file__).resolve().parents[2]


def spec() -> ServiceSpec:
    return ServiceSpec(
        name="mediation",
        description="Mediation cases, certificates, sessions, outcomes and Tribunal appeals "
                    "for every appealable decision.",
        metadata=db.metadata, tables=db.platform, registry=contracts.registry,
        service_root=SERVICE_ROOT,
        routers=[cases.router, registry.router, arranging.router, outcomes.router,
                 appeals.router, disagreements.router, reporting.router],
        handlers=consumers.handlers,
        consumes_from=("assessment",),
    )
