"""Pure rules of the registry: only independent people mediate or advise (R6.8, CFA s.56)."""

from __future__ import annotations

from mediation.domain.enums import OrganisationKind, PractitionerRole
from mediation.domain.errors import RuleViolation
from mediation.domain.records import PractitionerRecord

_NOT_INDEPENDENT = frozenset(
    {
        OrganisationKind.ENGLISH_LOCAL_AUTHORITY,
        OrganisationKind.ICB,
        OrganisationKind.CCG,
        OrganisationKind.NHS_ENGLAND,
    }
)


def check_independent(organisation_kind: OrganisationKind | str) -> None:
    """Refuse a mediator or mediation adviser employed by a local authority in England, an
    ICB (formerly a CCG) or NHS England (R6.8, CFA s.56)."""
    kind = OrganisationKind(organisation_kind)
    if kind in _NOT_INDEPENDENT:
        employer = kind.value.replace("_", " ")
        raise RuleViolation(
            "R6.8",
            f"a mediator or mediation adviser may not be employed by {employer}",
            "organisation_kind",
        )


def decide_practitioner(found: PractitionerRecord | None, role: PractitionerRole
                        ) -> PractitionerRecord | None:
    """A registered practitioner in `role` who is still independent (R6.8, checked again in
    case the rules changed since registration); None when none is registered."""
    if found is None or found.role is not role:
        return None
    check_independent(found.organisation_kind)
    return found
