"""The budgets service's composition root."""

from __future__ import annotations

from pathlib import Path

from budgets import contracts, tables
from common.runtime import ServiceSpec

SERVICE_ROOT = Path(__file__).resolve().parents[2]


def spec() -> ServiceSpec:
    return ServiceSpec(
        name="budgets",
        description="The LA's personal budget policy, personal budget requests and "
                    "decisions, direct payments and Section J.",
        metadata=tables.metadata, tables=tables.platform, registry=contracts.registry,
        service_root=SERVICE_ROOT,
    )
