"""The five services, by name. Each one's bootstrap is imported when its spec is first
asked for: `sendsys serve <service>` imports that service alone (a process starts in
about half the time it took to import all five)."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from common.runtime import ServiceSpec


def _lazy_spec(service: str) -> Callable[[], ServiceSpec]:
    def spec() -> ServiceSpec:
        made: ServiceSpec = import_module(f"{service}.bootstrap").spec()
        return made

    spec.__name__ = f"{service}_spec"
    return spec


SPECS: dict[str, Callable[[], ServiceSpec]] = {
    name: _lazy_spec(name)
    for name in ("assessment", "localoffer", "budgets", "mediation", "notifications")
}
DEFAULT_PORTS = {"assessment": 8001, "localoffer": 8002, "budgets": 8003, "mediation": 8004,
                 "notifications": 8005}


def spec_for(name: str) -> ServiceSpec:
    try:
        return SPECS[name]()
    except KeyError:
        raise SystemExit(f"unknown service {name!r}; one of: {', '.join(SPECS)}") from None
