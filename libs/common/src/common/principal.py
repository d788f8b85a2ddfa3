"""Who is asking: the subject, LA and roles carried by a checked bearer token
(ARCHITECTURE.md invariant 8). A plain value, free of any web framework."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

ROLES = frozenset({"la_caseworker", "la_manager", "parent", "young_person", "health",
                   "provider", "mediator", "ops", "platform_ops"})
LA_STAFF = ("la_caseworker", "la_manager")
FAMILY = ("parent", "young_person")
# Operators of the whole platform: the ops endpoints across every LA (an `ops` token reaches
# only its own LA's dead letters and deadlines).
PLATFORM_OPS = "platform_ops"


@dataclass(frozen=True)
class Principal:
    subject: str
    la_code: str
    roles: frozenset[str]
    case_ids: frozenset[str] = field(default_factory=frozenset)
    org_code: str | None = None

    def has_any(self, roles: Iterable[str]) -> bool:
        return not self.roles.isdisjoint(roles)

    @property
    def is_family(self) -> bool:
        return self.has_any(FAMILY) and not self.has_any(LA_STAFF)

    def may_see_case(self, la_code: str, case_id: str) -> bool:
        """A case record: LA staff of the same LA, or the family whose case it is
        (invariant 8). Health, providers, mediators and ops reach only what their own
        endpoints give them, never the case record itself."""
        if la_code != self.la_code:
            return False
        if self.has_any(LA_STAFF):
            return True
        return self.has_any(FAMILY) and case_id in self.case_ids
