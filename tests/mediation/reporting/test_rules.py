"""Reporting over mediation cases: certificate timeliness (R6.5-R6.7), mediation held (R13.1),
outcomes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from mediation.domain.model import (
    Certificate,
    CertificateBasis,
    DecisionKind,
    FamilyChoice,
    MediationCase,
    Outcome,
)
from mediation.reporting.rules import (
    certificate_on_time,
    certificates_on_time_share,
    mediation_share,
    outcome_counts,
)

D = date.fromisoformat
BASE = MediationCase(
    decision_kind=DecisionKind.PLAN_CONTENTS,
    decided_on=D("2026-12-01"),
    notified_on=D("2026-12-01"),
)


def declined(told_on: str, issued_on: str) -> MediationCase:
    return replace(
        BASE,
        choice=FamilyChoice.DECLINED,
        told_adviser_on=D(told_on),
        certificates=(Certificate(CertificateBasis.DECLINED, D(issued_on)),),
    )


def concluded(on: str, outcome: Outcome, issued_on: str | None = None) -> MediationCase:
    certificates = (Certificate(CertificateBasis.CONCLUDED, D(issued_on)),) if issued_on else ()
    return replace(
        BASE,
        choice=FamilyChoice.MEDIATION,
        requested_on=D("2026-12-02"),
        arranged_on=D(on),
        concluded_on=D(on),
        outcome=outcome,
        certificates=certificates,
    )


@pytest.mark.parametrize(
    ("case", "basis", "expected"),
    [
        (declined("2026-12-23", "2026-12-30"), CertificateBasis.DECLINED, True),  # Christmas
        (declined("2026-12-23", "2026-12-31"), CertificateBasis.DECLINED, False),
        (concluded("2026-04-02", Outcome.PARTIAL, "2026-04-09"), CertificateBasis.CONCLUDED, True),
        (concluded("2026-04-02", Outcome.PARTIAL, "2026-04-10"), CertificateBasis.CONCLUDED, False),
        (concluded("2026-04-02", Outcome.PARTIAL), CertificateBasis.CONCLUDED, None),
        (BASE, CertificateBasis.DECLINED, None),
    ],
)
def test_R6_5_R6_7_certificate_on_time(
    case: MediationCase, basis: CertificateBasis, expected: bool | None
) -> None:
    assert certificate_on_time(case, basis) is expected


@pytest.mark.parametrize(
    ("cases", "share"),
    [
        ([], None),
        ([BASE], None),
        ([declined("2026-12-23", "2026-12-30")], 1.0),
        ([declined("2026-12-23", "2026-12-30"), declined("2026-12-23", "2026-12-31")], 0.5),
        (
            [
                declined("2026-03-02", "2026-03-05"),
                declined("2026-03-02", "2026-03-06"),
                concluded("2026-03-02", Outcome.AGREEMENT, "2026-03-04"),
                BASE,
            ],
            2 / 3,
        ),
    ],
)
def test_R6_5_R6_7_certificates_issued_on_time_share(
    cases: list[MediationCase], share: float | None
) -> None:
    assert certificates_on_time_share(cases) == share


@pytest.mark.parametrize(
    ("cases", "share"),
    [
        ([], None),
        ([BASE, declined("2026-03-02", "2026-03-05")], 0.0),
        ([BASE, concluded("2026-03-20", Outcome.AGREEMENT)], 0.5),
        ([replace(BASE, choice=FamilyChoice.MEDIATION, requested_on=D("2026-12-02"))], 0.0),
    ],
)
def test_R13_1_share_of_cases_that_went_to_mediation(
    cases: list[MediationCase], share: float | None
) -> None:
    assert mediation_share(cases) == share


def test_R6_7_outcome_counts_include_every_outcome() -> None:
    cases = [
        concluded("2026-03-20", Outcome.AGREEMENT),
        concluded("2026-03-21", Outcome.AGREEMENT),
        concluded("2026-03-22", Outcome.NO_AGREEMENT),
        BASE,
    ]
    assert outcome_counts(cases) == {
        Outcome.AGREEMENT: 2,
        Outcome.PARTIAL: 0,
        Outcome.NO_AGREEMENT: 1,
    }
    assert outcome_counts([]) == dict.fromkeys(Outcome, 0)
