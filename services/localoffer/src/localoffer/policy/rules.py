"""Which published version of a personal budget policy the local offer shows (R7.4).

Pure: the newest version wins; the same version again, or an older one arriving late,
changes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class PolicyVersion:
    policy_id: str
    version: int
    published_on: date


def supersedes(incoming: PolicyVersion, current: PolicyVersion | None) -> bool:
    """True when `incoming` should replace the policy the local offer shows now."""
    if current is None:
        return True
    if incoming.policy_id == current.policy_id:
        return incoming.version > current.version
    # A different policy document: the later publication wins, ties kept as they are.
    return (incoming.published_on, incoming.version) > (current.published_on, current.version)
