"""The registry as pure rules, without a database (R6.8)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from mediation.domain.enums import OrganisationKind, PractitionerRole
from mediation.domain.errors import RuleViolation
from mediation.registry.rules import decide_practitioner
from tests.mediation.records import MEDIATOR


def test_R6_8_a_registered_independent_mediator_is_found_in_their_role_only() -> None:
    assert decide_practitioner(MEDIATOR, PractitionerRole.MEDIATOR) is MEDIATOR
    assert decide_practitioner(MEDIATOR, PractitionerRole.ADVISER) is None
    assert decide_practitioner(None, PractitionerRole.MEDIATOR) is None


def test_R6_8_a_practitioner_no_longer_independent_is_refused() -> None:
    employed = replace(MEDIATOR, organisation_kind=OrganisationKind.ICB)
    with pytest.raises(RuleViolation, match="R6.8"):
        decide_practitioner(employed, PractitionerRole.MEDIATOR)
