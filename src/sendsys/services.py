"""The five services, by name."""

from __future__ import annotations

from collections.abc import Callable

from assessment.bootstrap import spec as assessment_spec
from budgets.bootstrap import spec as budgets_spec
from common.runtime import ServiceSpec
from localoffer.bootstrap import spec as localoffer_spec
from mediation.bootstrap import spec as mediation_spec
from notifications.bootstrap import spec as notifications_spec

SPECS: dict[str, Callable[[], ServiceSpec]] = {
    "assessment": assessment_spec,
    "localoffer": localoffer_spec,
    "budgets": budgets_spec,
    "mediation": mediation_spec,
    "notifications": notifications_spec,
}
DEFAULT_PORTS = {"assessment": 8001, "localoffer": 8002, "budgets": 8003, "mediation": 8004,
                 "notifications": 8005}


def spec_for(name: str) -> ServiceSpec:
    try:
        return SPECS[name]()
    except KeyError:
        raise SystemExit(f"unknown service {name!r}; one of: {', '.join(SPECS)}") from None
