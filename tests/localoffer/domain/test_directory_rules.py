"""The local offer's pure rules, without a database: ages (R8.1), postcodes, review due
dates (R0.4 months), the LA's review of drafts (issue 13 item 2), SEN information reports
(R8.6), opening times (RFC 5545 as HSDS 3), distances and Schedule 2 completeness (R8.1,
R8.2)."""

from __future__ import annotations

from datetime import date, time, timedelta
from ipaddress import ip_network

import pytest

from localoffer.domain import rules, schedules
from localoffer.domain.addresses import client_address
from localoffer.domain.enums import DraftState, OrganisationKind
from localoffer.domain.errors import RuleViolation, WrongState
from localoffer.domain.geo import (
    bounding_box,
    chord_squared_within,
    haversine_m,
    metres_from_chord_squared,
    unit_vector,
)
from localoffer.domain.schedule2 import HEADINGS, EntryFacts, assess_completeness

LA = rules.Actor(is_la_staff=True)
PROVIDER = rules.Actor(is_la_staff=False, provider_code="ORG-1")


@pytest.mark.parametrize(("minimum", "maximum"), [(0, 25), (None, None), (5, 5), (None, 3)])
def test_r8_1_ages_within_birth_to_25_are_accepted(minimum: int | None,
                                                   maximum: int | None) -> None:
    rules.check_age_range(minimum, maximum)


@pytest.mark.parametrize(("minimum", "maximum", "field"), [
    (-1, 5, "minimum_age"), (0, 26, "maximum_age"), (30, None, "minimum_age"),
    (12, 4, "minimum_age")])
def test_r8_1_ages_outside_0_25_or_inverted_are_refused(minimum: int, maximum: int | None,
                                                        field: str) -> None:
    with pytest.raises(RuleViolation) as refused:
        rules.check_age_range(minimum, maximum)
    assert (refused.value.rule, refused.value.field) == ("R8.1", field)


def test_r8_1_serves_age_with_open_ends() -> None:
    assert rules.serves_age(None, 11, 0) and not rules.serves_age(12, None, 11)


@pytest.mark.parametrize(("raw", "canonical"), [
    ("sw1a1aa", "SW1A 1AA"), (" LS1  4AP ", "LS1 4AP"), ("m11ae", "M1 1AE"),
    ("B338TH", "B33 8TH"), ("cr2 6xh", "CR2 6XH")])
def test_postcodes_are_normalised(raw: str, canonical: str) -> None:
    assert rules.normalise_postcode(raw) == canonical


@pytest.mark.parametrize("raw", ["", "12345", "LS1", "LS1 4CI", "ABCD 1AA", "LS1 4AP X"])
def test_malformed_postcodes_are_refused(raw: str) -> None:
    with pytest.raises(RuleViolation) as refused:
        rules.normalise_postcode(raw, "locations.0.postcode")
    assert refused.value.field == "locations.0.postcode"


@pytest.mark.parametrize(("reviewed", "due"), [
    (date(2026, 3, 2), date(2027, 3, 2)), (date(2024, 2, 29), date(2025, 2, 28)),
    (date(2026, 1, 31), date(2027, 1, 31))])
def test_an_entry_falls_due_for_review_12_calendar_months_on(reviewed: date, due: date) -> None:
    """Issue 13 item 2 with R0.4's months."""
    assert rules.review_due_on(reviewed) == due
    assert not rules.is_review_overdue(reviewed, due - timedelta(days=1))
    assert rules.is_review_overdue(reviewed, due)


def test_review_workflow_transitions() -> None:
    assert rules.decide_edit(None) is DraftState.DRAFT
    assert rules.decide_edit(DraftState.CHANGES_REQUESTED) is DraftState.DRAFT
    assert rules.decide_submit(DraftState.DRAFT) is DraftState.SUBMITTED
    assert rules.decide_request_changes(DraftState.SUBMITTED, LA, "add times") is \
        DraftState.CHANGES_REQUESTED
    rules.decide_publish(DraftState.SUBMITTED, LA)
    rules.decide_publish(DraftState.DRAFT, LA)  # an LA officer's own draft


@pytest.mark.parametrize(("call", "field"), [
    (lambda: rules.decide_edit(DraftState.SUBMITTED), "state"),
    (lambda: rules.decide_submit(None), "state"),
    (lambda: rules.decide_submit(DraftState.SUBMITTED), "state"),
    (lambda: rules.decide_request_changes(DraftState.DRAFT, LA, "x"), "state"),
    (lambda: rules.decide_request_changes(DraftState.SUBMITTED, PROVIDER, "x"), "role"),
    (lambda: rules.decide_request_changes(DraftState.SUBMITTED, LA, "  "), "comment"),
    (lambda: rules.decide_publish(DraftState.SUBMITTED, PROVIDER), "role"),
    (lambda: rules.decide_publish(DraftState.CHANGES_REQUESTED, LA), "state"),
])
def test_review_workflow_refusals_name_the_field(call: object, field: str) -> None:
    with pytest.raises(RuleViolation) as refused:
        call()  # type: ignore[operator]
    assert refused.value.field == field


def test_a_provider_acts_only_for_its_own_organisation() -> None:
    assert PROVIDER.may_edit_for("ORG-1") and not PROVIDER.may_edit_for("ORG-2")
    assert not PROVIDER.may_edit_for(None) and LA.may_edit_for(None)


def test_r8_6_sen_information_reports_are_yearly_and_for_schools_and_colleges() -> None:
    today = date(2026, 3, 2)
    assert rules.school_year_of(today) == "2025/26"
    rules.check_sen_information_report(OrganisationKind.ACADEMY, "2025/26", today)
    rules.check_sen_information_report(OrganisationKind.POST_16, "2026/27", today)
    with pytest.raises(RuleViolation, match="academic_year"):
        rules.check_sen_information_report(OrganisationKind.ACADEMY, "2023/24", today)
    with pytest.raises(RuleViolation) as refused:
        rules.check_sen_information_report(OrganisationKind.HEALTH, "2025/26", today)
    assert (refused.value.rule, refused.value.field) == ("R8.6", "organisation_id")
    assert isinstance(WrongState("R8.6", "x"), RuleViolation)


def _weekly(byday: str, opens: str = "09:00", closes: str = "17:00", **kw: object
            ) -> schedules.Schedule:
    return schedules.Schedule(freq="WEEKLY", opens_at=time.fromisoformat(opens),
                              closes_at=time.fromisoformat(closes),
                              byday=schedules.parse_byday(byday, "WEEKLY", "byday"),
                              **kw)


def test_open_at_weekly_opening_inclusive_closing_exclusive() -> None:
    monday = date(2026, 3, 2)
    rule = [_weekly("MO,WE")]
    assert schedules.is_open_at(rule, monday, time(9, 0))
    assert not schedules.is_open_at(rule, monday, time(17, 0))
    assert not schedules.is_open_at(rule, date(2026, 3, 3), time(10, 0))


def test_open_at_fortnightly_and_validity_window() -> None:
    fortnightly = [_weekly("MO", interval=2, dtstart=date(2026, 3, 2))]
    assert schedules.is_open_at(fortnightly, date(2026, 3, 16), time(10))
    assert not schedules.is_open_at(fortnightly, date(2026, 3, 9), time(10))
    term_time = [_weekly("TU", valid_from=date(2026, 1, 5), valid_to=date(2026, 3, 27))]
    assert schedules.is_open_at(term_time, date(2026, 3, 24), time(10))
    assert not schedules.is_open_at(term_time, date(2026, 3, 31), time(10))


def test_open_at_monthly_nth_weekday_and_month_days() -> None:
    second_tuesday = [schedules.Schedule("MONTHLY", time(18), time(20), byday=("2TU",))]
    assert schedules.is_open_at(second_tuesday, date(2026, 3, 10), time(19))
    assert not schedules.is_open_at(second_tuesday, date(2026, 3, 3), time(19))
    last_friday = [schedules.Schedule("MONTHLY", time(9), time(12), byday=("-1FR",))]
    assert schedules.is_open_at(last_friday, date(2026, 3, 27), time(10))
    end_of_month = [schedules.Schedule("MONTHLY", time(9), time(12), bymonthday=(-1,))]
    assert schedules.is_open_at(end_of_month, date(2026, 2, 28), time(10))


@pytest.mark.parametrize(("make", "field"), [
    (lambda: schedules.parse_time("9am", "opens_at"), "opens_at"),
    (lambda: schedules.parse_byday("2MO", "WEEKLY", "byday"), "byday"),
    (lambda: schedules.parse_bymonthday("32", "bymonthday"), "bymonthday"),
    (lambda: schedules.check_schedule(_weekly("MO", "10:00", "09:00"), "s"), "s.closes_at"),
    (lambda: schedules.check_schedule(_weekly("MO", interval=2), "s"), "s.dtstart"),
])
def test_malformed_schedules_are_refused(make: object, field: str) -> None:
    with pytest.raises(RuleViolation) as refused:
        make()  # type: ignore[operator]
    assert refused.value.field == field


def test_opening_patterns_of_a_weekly_rule_one_per_day() -> None:
    patterns = schedules.opening_patterns(_weekly("MO,FR", "08:30", "12:15"))
    assert [(p.weekday, p.nth, p.monthday, p.opens_minute, p.closes_minute, p.interval)
            for p in patterns] == [(0, None, None, 510, 735, 1), (4, None, None, 510, 735, 1)]


# every RFC 5545 form the schedules store: the search index (patterns matched against a
# day) must say exactly what `occurs_on` says, every day of two years
RULES_TO_INDEX = [
    _weekly("MO,WE"),
    _weekly("TU", interval=2, dtstart=date(2026, 3, 3)),
    _weekly("SA", interval=3, dtstart=date(2026, 1, 10), valid_to=date(2026, 9, 30)),
    _weekly("TH", valid_from=date(2026, 4, 13), valid_to=date(2026, 7, 17)),
    schedules.Schedule("MONTHLY", time(18), time(20), byday=("2TU", "4TU")),
    schedules.Schedule("MONTHLY", time(9), time(12), byday=("-1FR",)),
    schedules.Schedule("MONTHLY", time(9), time(12), byday=("WE",)),
    schedules.Schedule("MONTHLY", time(9), time(12), bymonthday=(1, 15, -1)),
    schedules.Schedule("MONTHLY", time(9), time(12), byday=("1MO",), interval=2,
                       dtstart=date(2026, 2, 2)),
    schedules.Schedule("MONTHLY", time(9), time(12), bymonthday=(-2,), interval=3,
                       dtstart=date(2026, 1, 30), valid_from=date(2026, 3, 1)),
    schedules.Schedule("MONTHLY", time(9), time(12), byday=("-2SA",), interval=2,
                       valid_from=date(2026, 5, 1)),
    schedules.Schedule("DAILY", time(9), time(12)),
    schedules.Schedule("DAILY", time(9), time(12), byday=("SA", "SU"),
                       valid_to=date(2026, 6, 30)),
    schedules.Schedule("DAILY", time(9), time(12), interval=3, dtstart=date(2026, 3, 1)),
    schedules.Schedule("DAILY", time(9), time(12), byday=("MO", "WE"), interval=2,
                       valid_from=date(2026, 4, 2)),
    _weekly("FR", interval=2, valid_from=date(2026, 3, 11)),
]


@pytest.mark.parametrize("rule", RULES_TO_INDEX, ids=lambda r: f"{r.freq}-{r.byday}"
                         f"-{r.bymonthday}-{r.interval}")
def test_rfc5545_search_index_agrees_with_occurs_on_every_day(
        rule: schedules.Schedule) -> None:
    patterns = schedules.opening_patterns(rule)
    day = date(2026, 1, 1)
    while day < date(2028, 1, 1):
        occasion = schedules.occasion_of(day)
        assert any(schedules.pattern_occurs(p, occasion) for p in patterns) == \
            schedules.occurs_on(rule, day), day
        day += timedelta(days=1)


def test_occasion_places_a_day_in_its_week_and_month() -> None:
    last_friday = schedules.occasion_of(date(2026, 3, 27))
    assert (last_friday.weekday, last_friday.nth_from_start, last_friday.nth_from_end,
            last_friday.monthday, last_friday.monthday_from_end) == (4, 4, -1, 27, -5)
    assert schedules.occasion_of(date(2026, 3, 30)).week_number == \
        schedules.occasion_of(date(2026, 4, 5)).week_number


def test_haversine_and_the_bounding_box_hold_every_point_within_the_radius() -> None:
    leeds, york = (53.7997, -1.5492), (53.9600, -1.0873)
    assert 34_000 < haversine_m(*leeds, *york) < 36_000
    box = bounding_box(*leeds, 36_000)
    assert box.south < york[0] < box.north and box.west < york[1] < box.east
    tight = bounding_box(*leeds, 30_000)
    assert not (tight.west < york[1] < tight.east and tight.south < york[0] < tight.north)


def test_r8_2_completeness_headings_gaps_and_figure() -> None:
    empty = assess_completeness([])
    assert empty.percentage == 0.0 and len(empty.gaps) == len(HEADINGS)
    result = assess_completeness([
        EntryFacts("1", "Transport", frozenset({"travel"}), in_area=True),
        EntryFacts("2", "College", frozenset({"post-16-education-training"}), in_area=False),
    ])
    covered = {h.heading.key for h in result.headings if not h.empty}
    assert covered == {"travel", "post-16", "post-16-out-of-area", "out-of-area"}
    assert result.percentage == round(100 * 4 / len(HEADINGS), 1)
    assert "complaints" in {h.key for h in result.gaps}


def test_the_chord_between_unit_vectors_gives_the_haversine_distance() -> None:
    leeds, york = (53.7997, -1.5492), (53.9600, -1.0873)
    a, b = unit_vector(*leeds), unit_vector(*york)
    chord_squared = (a.x - b.x) ** 2 + (a.y - b.y) ** 2 + (a.z - b.z) ** 2
    assert metres_from_chord_squared(chord_squared) == pytest.approx(
        haversine_m(*leeds, *york), abs=0.01)
    assert chord_squared < chord_squared_within(35_200)
    assert chord_squared > chord_squared_within(35_000)


PROXIES = [ip_network("10.0.0.0/8"), ip_network("2001:db8::/32")]


@pytest.mark.parametrize(("peer", "forwarded_for", "client"), [
    ("203.0.113.7", None, "203.0.113.7"),                       # no proxy
    ("203.0.113.7", "198.51.100.1", "203.0.113.7"),             # untrusted peer: ignored
    ("10.1.2.3", "198.51.100.1", "198.51.100.1"),               # the council's proxy
    ("10.1.2.3", "192.0.2.66, 198.51.100.1", "198.51.100.1"),   # forged left part ignored
    ("10.1.2.3", "198.51.100.1, 10.9.9.9", "198.51.100.1"),     # two proxies in a row
    ("10.1.2.3", "10.4.4.4, 10.9.9.9", "10.4.4.4"),             # all trusted: the first
    ("2001:db8::1", "2a00:23c4::5", "2a00:23c4::5"),            # IPv6 proxy
    ("10.1.2.3", "", "10.1.2.3"),
])
def test_client_address_honours_forwarded_for_only_from_trusted_proxies(
        peer: str, forwarded_for: str | None, client: str) -> None:
    assert client_address(peer, forwarded_for, PROXIES) == client
