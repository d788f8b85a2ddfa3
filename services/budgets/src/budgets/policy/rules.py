"""The personal budget policy: what it must set out before it is published (R7.4), and the
year-on-year scope report (R7.11). Pure."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from budgets.domain.enums import FundingStream, PolicyStatus
from budgets.domain.errors import RuleViolation, WrongState
from budgets.domain.model import PolicyContent


def policy_problems(content: PolicyContent) -> list[RuleViolation]:
    """R7.4: services across education, health and social care, how funding is made
    available, the mechanisms, eligibility criteria and the decision process."""
    problems = [RuleViolation("R7.4", f"name the {stream.value} services that lend themselves "
                              "to a personal budget", "services")
                for stream in FundingStream
                if not any(s.funding_stream is stream for s in content.services)]
    for name, value in (("funding_arrangements", content.funding_arrangements),
                        ("decision_process", content.decision_process)):
        if not value.strip():
            problems.append(RuleViolation("R7.4", "must be set out", name))
    if not content.mechanisms:
        problems.append(RuleViolation("R7.4", "name the mechanisms (R7.2)", "mechanisms"))
    if not any(c.strip() for c in content.eligibility_criteria):
        problems.append(RuleViolation("R7.4", "clear eligibility criteria are needed",
                                      "eligibility_criteria"))
    return problems


def decide_publish(status: PolicyStatus, content: PolicyContent, published_on: date,
                   today: date) -> None:
    """R7.4: a draft that sets out everything may be published, on a day that has come."""
    if status is not PolicyStatus.DRAFT:
        raise WrongState("R7.4", f"a {status.value} policy cannot be published again", "status")
    if published_on > today:
        raise RuleViolation("R7.4", "a policy is published on a day that has come",
                            "published_on")
    problems = policy_problems(content)
    if problems:
        raise problems[0]


@dataclass(frozen=True, slots=True)
class VersionScope:
    version: int
    published_on: date | None
    services_by_stream: dict[str, int]
    streams_in_scope: tuple[str, ...]
    services_added: int


@dataclass(frozen=True, slots=True)
class YearBudgets:
    year: int
    agreed: int
    total_pence: int


def scope_by_version(versions: Sequence[tuple[int, date | None, PolicyContent]]
                     ) -> list[VersionScope]:
    """R7.11: the services and funding streams in scope in each published version, and how
    many services each version added to the one before (growth through joint commissioning)."""
    rows: list[VersionScope] = []
    seen: set[tuple[str, str]] = set()
    for version, published_on, content in sorted(versions, key=lambda v: v[0]):
        names = {(s.funding_stream.value, s.name.strip().lower()) for s in content.services}
        counts = {stream.value: sum(1 for s in content.services if s.funding_stream is stream)
                  for stream in FundingStream}
        rows.append(VersionScope(version, published_on, counts,
                                 tuple(k for k, v in counts.items() if v),
                                 len(names - seen) if rows else len(names)))
        seen |= names
    return rows


def budgets_by_year(agreed: Iterable[tuple[date, int]]) -> list[YearBudgets]:
    """R7.11: personal budgets agreed in each calendar year and their total (pence)."""
    years: dict[int, list[int]] = {}
    for decided_on, total in agreed:
        years.setdefault(decided_on.year, []).append(total)
    return [YearBudgets(year, len(totals), sum(totals)) for year, totals in sorted(years.items())]
