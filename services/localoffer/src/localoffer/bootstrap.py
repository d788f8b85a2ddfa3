"""The localoffer service's composition root."""

from __future__ import annotations

from pathlib import Path

from common.runtime import ServiceSpec
from localoffer import contracts, db

SERVICE_ROOT = Path(__file__).resolve().parents[2]


def spec() -> ServiceSpec:
    return ServiceSpec(
        name="localoffer",
        description="The local offer directory (0-25), provider contributions, SEN "
                    "information reports, public feedback and LA responses.",
        metadata=db.metadata, tables=db.platform, registry=contracts.registry,
        service_root=SERVICE_ROOT,
    )
