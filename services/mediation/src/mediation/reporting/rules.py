"""Pure figures over mediation cases (R6.5-R6.7 timeliness, R13.1 mediation flags)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from mediation.domain.clocks import certificate_due_on, certificate_told_on
from mediation.domain.enums import CertificateBasis, Outcome
from mediation.domain.model import MediationCase


def certificate_on_time(case: MediationCase, basis: CertificateBasis) -> bool | None:
    """Whether the `basis` certificate was issued within 3 working days of its trigger
    (R6.5, R6.6, R6.7); None when it was not issued or its trigger date is unknown."""
    certificate = case.certificate(basis)
    told_on = certificate_told_on(case, basis)
    if certificate is None or told_on is None:
        return None
    return certificate.issued_on <= certificate_due_on(told_on)


def certificates_on_time_share(cases: Iterable[MediationCase]) -> float | None:
    """Share of issued certificates that were on time (R6.5-R6.7); None when there are none."""
    verdicts = [
        verdict
        for case in cases
        for certificate in case.certificates
        if (verdict := certificate_on_time(case, certificate.basis)) is not None
    ]
    return sum(verdicts) / len(verdicts) if verdicts else None


def went_to_mediation(case: MediationCase) -> bool:
    """A mediation was held and concluded (not merely requested) (R6.7, R13.1)."""
    return case.concluded_on is not None


def mediation_share(cases: Iterable[MediationCase]) -> float | None:
    """Share of appealable-decision cases in which a mediation was held; None for no cases."""
    flags = [went_to_mediation(case) for case in cases]
    return sum(flags) / len(flags) if flags else None


def outcome_counts(cases: Iterable[MediationCase]) -> dict[Outcome, int]:
    """Concluded mediations by outcome, every outcome present (zero when none)."""
    counted = Counter(case.outcome for case in cases if case.outcome is not None)
    return {outcome: counted[outcome] for outcome in Outcome}
