"""Deadline rules of RULES.md section 6 (R6.3-R6.7, R6.9, R6.9a).

Expected dates were checked against the `holidays` package (GB, subdivision ENG): 2026 has
Good Friday 3 Apr, Easter Monday 6 Apr, May Day 4 May, late summer 31 Aug, Christmas Fri
25 Dec, Boxing Day (observed) Mon 28 Dec; 2027 has Christmas/Boxing Day observed on 27/28
Dec; 2028 has New Year's Day observed on Mon 3 Jan.
"""

from __future__ import annotations

from datetime import date

import pytest

from common import calendar
from mediation.domain.clocks import (
    appeal_deadline,
    arrange_by,
    certificate_due_on,
    certificate_needed,
    contact_adviser_by,
    tell_commissioning_body_by,
    tribunal_day,
)
from mediation.domain.model import DecisionKind

D = date.fromisoformat


def test_bank_holidays_assumed_by_these_tables_are_englands() -> None:
    for day in (
        "2026-04-03",
        "2026-04-06",
        "2026-12-25",
        "2026-12-28",
        "2026-08-31",
        "2027-12-27",
        "2027-12-28",
        "2028-01-03",
        "2026-05-04",
    ):
        assert calendar.is_bank_holiday(D(day)), day
    # 2 January is a bank holiday in Scotland only; 24 December is a working day.
    assert calendar.is_working_day(D("2026-01-02"))
    assert calendar.is_working_day(D("2026-12-24"))


@pytest.mark.parametrize(
    ("notified_on", "expected"),
    [
        ("2026-03-02", "2026-05-02"),  # plain two calendar months (R0.4)
        ("2026-12-31", "2027-02-28"),  # month end clamps to February
        ("2027-12-31", "2028-02-29"),  # leap year
        ("2025-12-30", "2026-02-28"),
        ("2026-06-15", "2026-08-15"),  # reg 33 is no Tribunal time limit: no August move
        ("2026-10-31", "2026-12-31"),  # nor a Christmas move
    ],
)
def test_R6_3_contact_adviser_within_two_months(notified_on: str, expected: str) -> None:
    assert contact_adviser_by(D(notified_on)) == D(expected)


@pytest.mark.parametrize(
    ("sections", "kind", "needed"),
    [
        ({"I"}, DecisionKind.PLAN_CONTENTS, False),
        ({"i"}, DecisionKind.AMENDED_PLAN_CONTENTS, False),
        ({"I"}, DecisionKind.REFUSE_AMEND, False),
        ({"B", "I"}, DecisionKind.PLAN_CONTENTS, True),
        ({"F"}, DecisionKind.PLAN_CONTENTS, True),
        (set(), DecisionKind.PLAN_CONTENTS, True),  # unknown: ask for a certificate
        ({"I"}, DecisionKind.CEASE_PLAN, True),
        (set(), DecisionKind.REFUSE_ASSESSMENT, True),
        (set(), DecisionKind.REFUSE_PLAN, True),
        (set(), DecisionKind.REFUSE_REASSESSMENT, True),
    ],
)
def test_R6_4_no_certificate_when_only_section_i_is_appealed(
    sections: set[str], kind: DecisionKind, needed: bool
) -> None:
    assert certificate_needed(frozenset(sections), kind) is needed


THREE_WORKING_DAYS = [
    ("2026-03-02", "2026-03-05"),  # Mon -> Thu
    ("2026-03-06", "2026-03-11"),  # Fri -> Wed over a weekend
    ("2026-03-07", "2026-03-11"),  # told on a Saturday
    ("2026-12-23", "2026-12-30"),  # 25 Dec Fri, 28 Dec substitute Boxing Day
    ("2027-12-23", "2027-12-30"),  # 27 and 28 Dec substitute days
    ("2027-12-31", "2028-01-06"),  # 1 Jan Sat, 3 Jan substitute New Year's Day
    ("2028-12-29", "2029-01-04"),  # New Year's Day on a Monday
    ("2026-04-01", "2026-04-08"),  # Good Friday and Easter Monday
    ("2026-04-02", "2026-04-09"),
    ("2026-08-27", "2026-09-02"),  # late summer bank holiday 31 Aug
]


@pytest.mark.parametrize(("told_on", "expected"), THREE_WORKING_DAYS)
def test_R6_5_certificate_three_working_days_after_declined(told_on: str, expected: str) -> None:
    assert certificate_due_on(D(told_on)) == D(expected)


@pytest.mark.parametrize(("told_on", "expected"), THREE_WORKING_DAYS[:5])
def test_R6_6_certificate_three_working_days_after_told_not_arranged(
    told_on: str, expected: str
) -> None:
    assert certificate_due_on(D(told_on)) == D(expected)


@pytest.mark.parametrize(("concluded_on", "expected"), THREE_WORKING_DAYS[3:])
def test_R6_7_certificate_three_working_days_after_conclusion(
    concluded_on: str, expected: str
) -> None:
    assert certificate_due_on(D(concluded_on)) == D(expected)


@pytest.mark.parametrize(
    ("told_on", "expected"),
    [
        ("2026-03-02", "2026-04-01"),
        ("2026-01-31", "2026-03-02"),  # calendar days across February
        ("2028-01-31", "2028-03-01"),  # leap February
        ("2026-12-10", "2027-01-09"),  # calendar days: Christmas and a Saturday not skipped
        ("2026-03-20", "2026-04-19"),  # Easter not skipped
    ],
)
def test_R6_6_arrange_mediation_within_30_days(told_on: str, expected: str) -> None:
    assert arrange_by(D(told_on)) == D(expected)


@pytest.mark.parametrize(
    ("told_on", "expected"),
    [
        ("2026-03-02", "2026-03-05"),
        ("2026-04-02", "2026-04-09"),  # Easter
        ("2026-12-23", "2026-12-30"),  # Christmas
    ],
)
def test_R6_6_commissioning_body_told_within_three_working_days(
    told_on: str, expected: str
) -> None:
    assert tell_commissioning_body_by(D(told_on)) == D(expected)


@pytest.mark.parametrize(
    ("notified_on", "certificate_on", "expected"),
    [
        ("2026-03-02", None, "2026-05-05"),  # 2 May Sat, 4 May bank holiday (R6.9a)
        ("2026-03-02", "2026-04-29", "2026-05-29"),  # certificate month is later
        ("2026-03-02", "2026-03-20", "2026-05-05"),  # certificate month is earlier
        ("2026-03-10", "2026-03-10", "2026-05-11"),  # 10 May Sunday -> Monday
        ("2026-12-31", None, "2027-03-01"),  # 28 Feb 2027 is a Sunday
        ("2026-11-30", "2026-12-31", "2027-02-01"),  # 30 Jan Sat; 31 Jan Sun -> 1 Feb
        ("2027-10-01", "2028-01-31", "2028-02-29"),  # one month after 31 Jan, leap year
        ("2027-12-31", None, "2028-02-29"),
    ],
)
def test_R6_9_appeal_by_later_of_two_months_and_one_month(
    notified_on: str, certificate_on: str | None, expected: str
) -> None:
    certificate = D(certificate_on) if certificate_on else None
    assert appeal_deadline(D(notified_on), certificate) == D(expected)


@pytest.mark.parametrize(
    ("notified_on", "certificate_on", "expected"),
    [
        ("2026-10-01", "2026-11-29", "2027-01-04"),  # IPSEA's example: ends 29 Dec
        ("2027-10-01", "2027-11-29", "2028-01-04"),  # 2 Jan Sun, 3 Jan substitute holiday
        ("2026-10-25", None, "2027-01-04"),  # ends on Christmas Day
        ("2026-11-01", None, "2027-01-04"),  # ends on 1 January
        ("2025-10-31", None, "2026-01-02"),  # ends 31 Dec; 2 Jan is an English working day
        ("2026-10-24", None, "2026-12-24"),  # 24 December is outside the break
        ("2026-11-02", None, "2027-01-04"),  # 2 Jan Sat: only R6.9a moves it
    ],
)
def test_R6_9_appeal_deadline_in_christmas_break_moves_to_january(
    notified_on: str, certificate_on: str | None, expected: str
) -> None:
    certificate = D(certificate_on) if certificate_on else None
    assert appeal_deadline(D(notified_on), certificate) == D(expected)


@pytest.mark.parametrize(
    ("notified_on", "certificate_on", "expected"),
    [
        ("2026-06-15", None, "2026-09-01"),  # 31 Aug 2026 is a bank holiday anyway
        ("2024-06-10", None, "2024-09-02"),  # 1 Sep 2024 is a Sunday
        ("2025-06-01", None, "2025-09-01"),  # 1 Sep 2025 is a Monday
        ("2030-06-30", None, "2030-09-02"),  # 30 Aug -> 1 Sep Sun -> Mon 2 Sep
        ("2026-05-20", "2026-07-31", "2026-09-01"),  # August reached by the certificate
        ("2026-05-31", None, "2026-07-31"),  # 31 July is not in August
    ],
)
def test_R6_9_appeal_deadline_in_august_moves_to_first_working_day_of_september(
    notified_on: str, certificate_on: str | None, expected: str
) -> None:
    certificate = D(certificate_on) if certificate_on else None
    assert appeal_deadline(D(notified_on), certificate) == D(expected)


@pytest.mark.parametrize(
    ("ends_on", "expected"),
    [
        ("2026-04-03", "2026-04-07"),  # Good Friday -> Tuesday after Easter Monday
        ("2026-04-06", "2026-04-07"),  # Easter Monday
        ("2026-05-02", "2026-05-05"),  # Saturday before May Day
        ("2026-05-29", "2026-05-29"),  # a working day stays
        ("2026-09-01", "2026-09-01"),
    ],
)
def test_R6_9a_deadline_on_non_working_day_moves_to_next_working_day(
    ends_on: str, expected: str
) -> None:
    assert tribunal_day(D(ends_on)) == D(expected)


def test_R6_9a_appeal_deadline_two_months_onto_good_friday() -> None:
    assert appeal_deadline(D("2026-02-03")) == D("2026-04-07")
    assert appeal_deadline(D("2026-02-06")) == D("2026-04-07")
