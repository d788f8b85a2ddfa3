"""Pure SEN2 rules (R13.1): the census date, the collection year, age bands."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from assessment.active_plans.rules import age_band
from assessment.domain.records import CaseRecord, ExceptionRecord, PlanRecord, RequestRecord
from assessment.domain.status import PlanOrigin, PlanStatus, RequestStatus
from assessment.sen2.rules import (
    PersonDetail,
    PersonFacts,
    PlanFacts,
    build_return,
    cease_reason,
    census_date,
    collection_period,
    decide_census_date,
    is_active,
    request_in_scope,
)
from assessment.sen2_validation.rules import check_person
from common.errors import InvalidField


@pytest.mark.parametrize(("year", "census"), [
    (2023, date(2023, 1, 19)), (2024, date(2024, 1, 18)), (2025, date(2025, 1, 16)),
    (2026, date(2026, 1, 15)), (2027, date(2027, 1, 21)), (2032, date(2032, 1, 15)),
])
def test_r13_1_census_date_is_the_third_thursday_of_january(year: int, census: date) -> None:
    assert census_date(year) == census and census.weekday() == 3
    assert decide_census_date(census) == census
    assert collection_period(census) == (date(year - 1, 1, 1), date(year - 1, 12, 31))


@pytest.mark.parametrize("day", [date(2027, 1, 14), date(2027, 1, 28), date(2027, 1, 22),
                                 date(2026, 12, 17), date(1999, 1, 21)])
def test_r13_1_any_other_day_is_refused_naming_census_date(day: date) -> None:
    with pytest.raises(InvalidField) as refused:
        decide_census_date(day)
    assert refused.value.field == "census_date"


@pytest.mark.parametrize(("age", "band"), [
    (0, "under 5"), (4, "under 5"), (5, "5 to 10"), (10, "5 to 10"), (11, "11 to 15"),
    (15, "11 to 15"), (16, "16 to 19"), (19, "16 to 19"), (20, "20 to 25"),
    (25, "20 to 25"), (26, "over 25"),
])
def test_r13_1_age_bands_of_the_active_plans_report(age: int, band: str) -> None:
    assert age_band(age) == band


# --- the mapping and the checks over hand-made records ---------------------------------------

CENSUS = date(2027, 1, 21)
AT = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def _case(case_id: str = "c1", born: date = date(2015, 4, 1), **extra: object) -> CaseRecord:
    return CaseRecord(id=case_id, la_code="201", given_name="Sam", family_name="Reid",
                      date_of_birth=born, version=1, created_at=AT, updated_at=AT,
                      **extra)


def _request(**extra: object) -> RequestRecord:
    values: dict = {"id": "r1", "case_id": "c1", "la_code": "201", "requester_type": "parent",
                    "received_on": date(2026, 2, 2), "decision_due_on": date(2026, 3, 16),
                    "no_plan_notice_due_on": date(2026, 5, 25),
                    "final_plan_due_on": date(2026, 6, 22), "repeat_within_six_months": False,
                    "status": RequestStatus.AWAITING_DECISION, "created_at": AT}
    return RequestRecord(**(values | extra))


def _plan(**extra: object) -> PlanRecord:
    values: dict = {"id": "p1", "case_id": "c1", "la_code": "201",
                    "status": PlanStatus.ISSUED, "current_version": 1,
                    "origin": PlanOrigin.NEW, "version": 1, "created_at": AT,
                    "updated_at": AT, "request_id": "r1",
                    "first_issued_on": date(2026, 6, 1)}
    return PlanRecord(**(values | extra))


def _person(*plans: PlanRecord, requests: tuple[RequestRecord, ...] = (),
            exceptions: tuple[ExceptionRecord, ...] = (), **detail: object) -> PersonFacts:
    return PersonFacts(case=_case(), detail=PersonDetail(**detail),
                       requests=requests, plans=[PlanFacts(p, None) for p in plans],
                       exceptions=exceptions)


@pytest.mark.parametrize(("plan", "active", "reason"), [
    (_plan(), True, ""),
    (_plan(first_issued_on=date(2027, 1, 22)), False, ""),           # issued after census
    (_plan(status=PlanStatus.CEASED, ceased_on=date(2026, 9, 1),
           cease_ground="no_longer_necessary"), False, "2"),         # 4.6: needs met
    (_plan(status=PlanStatus.CEASED, ceased_on=date(2026, 9, 1),
           cease_ground="no_longer_responsible"), False, "9"),       # 4.6: other
    (_plan(status=PlanStatus.CEASING, ceased_on=date(2027, 2, 1),
           cease_ground="no_longer_necessary"), True, "2"),          # ceases after census
    (_plan(status=PlanStatus.TRANSFERRED_OUT), False, "5"),          # 4.6: transfer out
])
def test_r13_1_active_on_the_census_date_and_cease_reason(plan: PlanRecord, active: bool,
                                                          reason: str) -> None:
    assert is_active(plan, CENSUS) is active
    assert cease_reason(plan) == reason


@pytest.mark.parametrize(("request_", "in_scope"), [
    (_request(), True),                                                     # ongoing
    (_request(decision="refuse", decided_on=date(2025, 12, 31),
              received_on=date(2025, 11, 3)), False),                       # ended before
    (_request(decision="refuse", decided_on=date(2026, 1, 2),
              received_on=date(2025, 11, 24)), True),                       # ended in year
    (_request(received_on=date(2027, 1, 22)), False),                       # after census
    (_request(decision="assess", decided_on=date(2025, 3, 1), plan_outcome="issued",
              plan_outcome_on=date(2025, 7, 1), received_on=date(2025, 1, 6)), False),
])
def test_r13_1_which_requests_the_return_covers(request_: RequestRecord,
                                                in_scope: bool) -> None:
    assert request_in_scope(request_, date(2026, 1, 1), CENSUS) is in_scope


def test_r13_1_a_ceased_plan_is_a_named_plan_with_its_reason_and_no_active_plan() -> None:
    ceased = _plan(status=PlanStatus.CEASED, ceased_on=date(2026, 11, 30),
                   cease_ground="no_longer_necessary", first_issued_on=date(2024, 5, 1))
    person = _person(ceased, gender="1", ethnicity="WBRI", postcode="LS1 4AP",
                     upn_unknown="UN2")
    built = build_return([replace(person, case=_case(setting_urn="100001"))], CENSUS)
    assert [(r["startdate"], r["ceasedate"], r["ceasereason"])
            for r in built.modules["namedplan"]] == [("2024-05-01", "2026-11-30", "2")]
    assert built.modules["activeplans"] == [] and built.checks == []


def test_r13_1_checks_name_the_row_field_and_guide_item() -> None:
    legacy = _plan(origin=PlanOrigin.LEGACY, request_id=None)
    late = _request(decision="assess", decided_on=date(2026, 3, 2), plan_outcome="issued",
                    plan_outcome_on=date(2026, 8, 3))
    absent = ExceptionRecord(id="e1", case_id="c1", la_code="201", kind="absent_from_area",
                             evidence="abroad", recorded_on=date(2026, 5, 1), created_at=AT,
                             request_id="r1")
    built = build_return([_person(legacy, requests=(late,), exceptions=(absent,),
                                  gender="X", sen_types=("ASD", "NOPE"))], CENSUS)
    assert built.modules["assessment"][0]["week20"] == "1"  # 3.7: an R1.9 exception
    assert {(c.rule, c.row, c.field) for c in built.checks} == {
        ("SEN2-1.5", "person/c1", "gendercurrent"),
        ("SEN2-1.6", "person/c1", "ethnicity"),
        ("SEN2-1.7", "person/c1", "postcode"),
        ("SEN2-1.10", "person/c1", "upnunknown"),
        ("SEN2-5.1", "activeplans/p1", "requeststableid"),
        ("SEN2-5.7", "placementdetail/p1", "sensetting"),
        ("SEN2-5.8", "senneed/p1-2", "sentype")}


@pytest.mark.parametrize(("row", "rule"), [
    ({"personbirthdate": "2027-02-01"}, "SEN2-1.3a"),
    ({"personbirthdate": "1999-12-31"}, "SEN2-1.3b"),
    ({"upn": "A201123456789"}, "SEN2-1.8"),
    ({"uniquelearnernumber": "1234567890"}, "SEN2-1.9"),
])
def test_r13_1_person_checks(row: dict, rule: str) -> None:
    person = {"persontableid": "c1", "personbirthdate": "2015-04-01", "gendercurrent": "1",
              "ethnicity": "WBRI", "postcode": "LS1 4AP", "upn": "P201123456789",
              "uniquelearnernumber": "", "upnunknown": ""}
    assert check_person(person, CENSUS) == []
    assert [c.rule for c in check_person(person | row, CENSUS)] == [rule]
