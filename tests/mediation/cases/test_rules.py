"""Validators and state rules (R6.1, R6.2, R6.3, R6.5-R6.8, R6.12) and the case clocks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from mediation.arranging.rules import check_session_after_request
from mediation.cases.rules import (
    DISAGREEMENT_RESOLUTION,
    NOTICE_ITEMS,
    check_dates_in_order,
    check_notice_information,
    check_request_in_window,
)
from mediation.domain.clocks import case_deadlines, certificate_told_on, pending_certificate_due
from mediation.domain.errors import RuleViolation
from mediation.domain.model import (
    Certificate,
    CertificateBasis,
    DecisionKind,
    FamilyChoice,
    MediationCase,
    MediationIssue,
    OrganisationKind,
)
from mediation.domain.model import DeadlineKind as K
from mediation.outcomes.rules import check_certificate
from mediation.registry.rules import check_independent

D = date.fromisoformat
CASE = MediationCase(
    decision_kind=DecisionKind.REFUSE_ASSESSMENT,
    decided_on=D("2026-02-27"),
    notified_on=D("2026-03-02"),
)
DECLINED = replace(CASE, choice=FamilyChoice.DECLINED, told_adviser_on=D("2026-03-10"))
MEDIATING = replace(
    CASE,
    choice=FamilyChoice.MEDIATION,
    told_adviser_on=D("2026-03-10"),
    requested_on=D("2026-03-10"),
)


def _violation(call: Callable[..., None], *args: Any) -> RuleViolation:
    with pytest.raises(RuleViolation) as caught:
        call(*args)
    return caught.value


def test_R6_1_appealable_decisions_are_the_s51_list_named_in_events() -> None:
    assert {k.value for k in DecisionKind} == {
        "refuse_assessment",
        "refuse_plan",
        "plan_contents",
        "amended_plan_contents",
        "refuse_amend",
        "cease_plan",
        "refuse_reassessment",
    }


@pytest.mark.parametrize(
    ("drop", "rule"),
    [
        ("right_to_mediation", "R6.2"),
        ("adviser_contact", "R6.2"),
        ("tell_la_health_provision_sought", "R6.2"),
        (DISAGREEMENT_RESOLUTION, "R6.12"),
    ],
)
def test_R6_2_and_R6_12_notice_carries_mediation_and_disagreement_information(
    drop: str, rule: str
) -> None:
    complete = NOTICE_ITEMS | {DISAGREEMENT_RESOLUTION}
    check_notice_information(complete)  # a complete notice passes
    assert _violation(check_notice_information, complete - {drop}).rule == rule


@pytest.mark.parametrize(
    ("requested_on", "in_window"),
    [("2026-05-02", True), ("2026-03-02", True), ("2026-05-03", False), ("2026-07-01", False)],
)
def test_R6_3_mediation_requested_after_two_month_window(
    requested_on: str, in_window: bool
) -> None:
    if in_window:
        check_request_in_window(D("2026-03-02"), D(requested_on))
        return
    error = _violation(check_request_in_window, D("2026-03-02"), D(requested_on))
    assert (error.rule, error.field) == ("R6.3", "requested_on")
    assert "extend time" in error.message


@pytest.mark.parametrize(
    ("case", "basis", "issued_on", "rule", "field"),
    [
        (CASE, CertificateBasis.DECLINED, "2026-03-11", "R6.5", "choice"),  # before the choice
        (MEDIATING, CertificateBasis.DECLINED, "2026-03-11", "R6.5", "choice"),
        (DECLINED, CertificateBasis.DECLINED, "2026-03-09", "R6.5", "issued_on"),
        (
            replace(
                DECLINED, certificates=(Certificate(CertificateBasis.DECLINED, D("2026-03-11")),)
            ),
            CertificateBasis.DECLINED,
            "2026-03-12",
            "R6.5",
            "basis",  # a second one
        ),
        (MEDIATING, CertificateBasis.NOT_ARRANGED_IN_TIME, "2026-04-10", "R6.6", "basis"),
        (DECLINED, CertificateBasis.NOT_ARRANGED_IN_TIME, "2026-04-10", "R6.6", "choice"),
        (MEDIATING, CertificateBasis.CONCLUDED, "2026-04-01", "R6.7", "basis"),  # not concluded
        (
            replace(MEDIATING, arranged_on=D("2026-03-30"), concluded_on=D("2026-03-30")),
            CertificateBasis.CONCLUDED,
            "2026-03-27",
            "R6.7",
            "issued_on",
        ),
        (
            replace(
                MEDIATING,
                concluded_on=D("2026-03-30"),
                certificates=(Certificate(CertificateBasis.CONCLUDED, D("2026-03-31")),),
            ),
            CertificateBasis.CONCLUDED,
            "2026-04-01",
            "R6.7",
            "basis",
        ),
    ],
)
def test_R6_5_R6_6_R6_7_certificate_validation(
    case: MediationCase, basis: CertificateBasis, issued_on: str, rule: str, field: str
) -> None:
    error = _violation(check_certificate, case, basis, D(issued_on))
    assert (error.rule, error.field) == (rule, field)


@pytest.mark.parametrize(
    ("case", "basis", "issued_on"),
    [
        (DECLINED, CertificateBasis.DECLINED, "2026-03-10"),
        (
            replace(MEDIATING, not_arranged_reported_on=D("2026-04-09")),
            CertificateBasis.NOT_ARRANGED_IN_TIME,
            "2026-04-14",
        ),
        (
            replace(MEDIATING, concluded_on=D("2026-03-30")),
            CertificateBasis.CONCLUDED,
            "2026-03-30",
        ),
    ],
)
def test_R6_5_R6_6_R6_7_certificate_accepted_after_its_trigger(
    case: MediationCase, basis: CertificateBasis, issued_on: str
) -> None:
    check_certificate(case, basis, D(issued_on))
    assert case.certificate(basis) is None


@pytest.mark.parametrize(
    ("requested_on", "session_on", "ok"),
    [
        ("2026-03-10", "2026-03-09", False),
        ("2026-03-10", "2026-03-10", True),
        (None, "2026-03-20", False),
        ("2026-03-10", "2026-04-20", True),
    ],
)
def test_R6_6_session_not_before_request(
    requested_on: str | None, session_on: str, ok: bool
) -> None:
    requested = D(requested_on) if requested_on else None
    if ok:
        check_session_after_request(requested, D(session_on))
        return
    assert _violation(check_session_after_request, requested, D(session_on)).rule == "R6.6"


@pytest.mark.parametrize(
    ("changes", "rule", "field"),
    [
        ({"notified_on": D("2026-02-26")}, "R6.2", "notified_on"),
        ({"told_adviser_on": D("2026-03-01")}, "R6.3", "told_adviser_on"),
        ({"arranged_on": D("2026-03-09")}, "R6.6", "arranged_on"),
        ({"commissioning_body_told_on": D("2026-03-09")}, "R6.6", "commissioning_body_told_on"),
        ({"arranged_on": D("2026-03-20"), "concluded_on": D("2026-03-19")}, "R6.7", "concluded_on"),
    ],
)
def test_R6_dates_out_of_order_are_refused(changes: dict[str, Any], rule: str, field: str) -> None:
    error = _violation(check_dates_in_order, replace(MEDIATING, **changes))
    assert (error.rule, error.field) == (rule, field)


def test_R6_dates_in_order_pass() -> None:
    case = replace(MEDIATING, arranged_on=D("2026-03-30"), concluded_on=D("2026-03-30"))
    check_dates_in_order(case)
    assert case.concluded_on == case.arranged_on


@pytest.mark.parametrize(
    ("kind", "independent"),
    [
        (OrganisationKind.ENGLISH_LOCAL_AUTHORITY, False),
        (OrganisationKind.ICB, False),
        ("icb", False),
        (OrganisationKind.CCG, False),
        (OrganisationKind.NHS_ENGLAND, False),
        (OrganisationKind.WELSH_LOCAL_AUTHORITY, True),  # s.56 names LAs in England only
        (OrganisationKind.INDEPENDENT_PROVIDER, True),
        ("other", True),
    ],
)
def test_R6_8_mediator_and_adviser_independent(
    kind: OrganisationKind | str, independent: bool
) -> None:
    if independent:
        check_independent(kind)
        return
    error = _violation(check_independent, kind)
    assert (error.rule, error.field) == ("R6.8", "organisation_kind")


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        (CASE, {K.APPEAL_BY: "2026-05-05", K.CONTACT_ADVISER_BY: "2026-05-02"}),
        (  # section I only: no certificate, so no adviser clock (R6.4)
            replace(
                CASE, decision_kind=DecisionKind.PLAN_CONTENTS, sections_in_dispute=frozenset("I")
            ),
            {K.APPEAL_BY: "2026-05-05"},
        ),
        (DECLINED, {K.APPEAL_BY: "2026-05-05", K.CERTIFICATE_DUE: "2026-03-13"}),
        (
            replace(
                DECLINED, certificates=(Certificate(CertificateBasis.DECLINED, D("2026-04-29")),)
            ),
            {K.APPEAL_BY: "2026-05-29"},
        ),
        (MEDIATING, {K.APPEAL_BY: "2026-05-05", K.ARRANGE_MEDIATION_BY: "2026-04-09"}),
        (
            replace(MEDIATING, issues=frozenset({MediationIssue.EDUCATION, MediationIssue.HEALTH})),
            {
                K.APPEAL_BY: "2026-05-05",
                K.ARRANGE_MEDIATION_BY: "2026-04-09",
                K.TELL_COMMISSIONING_BODY_BY: "2026-03-13",
            },
        ),
        (  # health only: the commissioning body arranges, 30 days from being told
            replace(
                MEDIATING,
                issues=frozenset({MediationIssue.HEALTH}),
                commissioning_body_told_on=D("2026-03-12"),
            ),
            {K.APPEAL_BY: "2026-05-05", K.ARRANGE_MEDIATION_BY: "2026-04-11"},
        ),
        (
            replace(MEDIATING, arranged_on=D("2026-03-30"), concluded_on=D("2026-04-02")),
            {K.APPEAL_BY: "2026-05-05", K.CERTIFICATE_DUE: "2026-04-09"},  # Easter
        ),
    ],
)
def test_R6_3_to_R6_9_open_clocks_of_a_case(case: MediationCase, expected: dict[K, str]) -> None:
    assert case_deadlines(case) == {k: D(v) for k, v in expected.items()}


@pytest.mark.parametrize(
    ("basis", "wire"),
    [
        (CertificateBasis.DECLINED, "declined"),
        (CertificateBasis.CONCLUDED, "concluded"),
        (CertificateBasis.NOT_ARRANGED_IN_TIME, "concluded"),
    ],
)
def test_R6_6_not_arranged_certificate_published_with_v1_basis(
    basis: CertificateBasis, wire: str
) -> None:
    assert basis.wire_value == wire


def test_R6_6_health_only_mediation_has_no_la_party() -> None:
    health_only = replace(MEDIATING, issues=frozenset({MediationIssue.HEALTH}))
    mixed = replace(MEDIATING, issues=frozenset({MediationIssue.HEALTH, MediationIssue.EDUCATION}))
    assert (health_only.la_is_party, health_only.includes_health) == (False, True)
    assert (mixed.la_is_party, mixed.includes_health) == (True, True)


@pytest.mark.parametrize(
    ("basis", "rule", "field"),
    [
        (CertificateBasis.DECLINED, "R6.5", "told_adviser_on"),
        (CertificateBasis.NOT_ARRANGED_IN_TIME, "R6.6", "not_arranged_reported_on"),
        (CertificateBasis.CONCLUDED, "R6.7", "concluded_on"),
    ],
)
def test_R6_5_R6_6_R6_7_certificate_clock_starts_on_its_trigger(
    basis: CertificateBasis, rule: str, field: str
) -> None:
    case = replace(
        MEDIATING,
        not_arranged_reported_on=D("2026-04-14"),
        arranged_on=D("2026-04-20"),
        concluded_on=D("2026-04-28"),
    )
    assert certificate_told_on(case, basis) == getattr(case, field), rule
    assert certificate_told_on(CASE, basis) is None, rule


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        (CASE, None),  # no choice yet: no certificate clock
        (DECLINED, "2026-03-13"),  # R6.5: 3 working days after the adviser is told
        (MEDIATING, None),  # R6.6/R6.7: nothing grounds a certificate yet
        (replace(MEDIATING, not_arranged_reported_on=D("2026-04-14")), "2026-04-17"),  # R6.6
        (  # R6.7: 3 working days after conclusion
            replace(MEDIATING, arranged_on=D("2026-04-13"), concluded_on=D("2026-04-14")),
            "2026-04-17",
        ),
        (  # R6.5: issued, so the clock stops
            replace(
                DECLINED, certificates=(Certificate(CertificateBasis.DECLINED, D("2026-03-12")),)
            ),
            None,
        ),
    ],
)
def test_R6_5_R6_6_R6_7_pending_certificate_due(case: MediationCase, expected: str | None) -> None:
    assert pending_certificate_due(case) == (D(expected) if expected else None)


def test_rule_violation_carries_rule_message_and_field() -> None:
    error = RuleViolation("R6.5", "too early", "issued_on")
    assert (error.rule, error.message, error.field, str(error)) == (
        "R6.5",
        "too early",
        "issued_on",
        "R6.5: too early [issued_on]",  # common.errors names the field too
    )
