"""Every service keeps the architecture contracts (tests/architecture/contracts.py), or
names the module as not yet moved in services/<svc>/architecture-pending.txt (issue 9,
item 7)."""

from __future__ import annotations

from pathlib import Path

from tests.architecture.contracts import check, discover

SERVICES = Path(__file__).resolve().parents[2] / "services"


def test_every_service_is_found_from_the_tree() -> None:
    assert {s.name for s in discover(SERVICES)} >= {
        "assessment", "localoffer", "budgets", "mediation", "notifications"}


def test_every_service_keeps_the_contracts_or_lists_the_module_as_pending() -> None:
    broken = check(SERVICES)
    assert not broken, "architecture contracts broken:\n" + "\n".join(map(str, broken))
