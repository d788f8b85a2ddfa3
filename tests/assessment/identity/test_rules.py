"""Identity you can trust (issue 14, item 7), the pure rules: identifiers in ASCII digits,
the words a name is found by, who may be opened as a case (R1.2, R4.4), and which kept case
a new child, a health notification (R1.15) or an imported plan is."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from assessment.cases.rules import (
    Match,
    Newcomer,
    Opening,
    check_may_open,
    check_not_duplicate,
    match_child,
)
from assessment.domain.errors import Conflict, RuleViolation
from assessment.domain.identifiers import (
    is_valid_nhs_number,
    is_valid_uln,
    is_valid_upn,
    name_tokens,
)
from assessment.domain.records import CaseRecord
from common.errors import InvalidField

TODAY = date(2026, 3, 2)


@pytest.mark.parametrize("valid, check", [
    ("9434765919", is_valid_nhs_number),
    ("1234567805", is_valid_uln),
    ("N201100026001", is_valid_upn),
])
def test_r13_1_identifiers_take_ascii_digits_only(valid: str, check) -> None:
    """The same number in Arabic-Indic or full-width digits is no identifier: `isdigit`
    accepts them, a check digit computed over them is meaningless."""
    arabic = valid.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    full_width = valid.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert check(valid)
    assert not check(arabic)
    assert not check(full_width)


@pytest.mark.parametrize("names, tokens", [
    (("Zoë", "Núñez"), ["zoe", "nunez"]),
    (("ANNE-MARIE", "O'Brien"), ["anne", "marie", "obrien"]),
    (("  Amara  ", "Okafor Okafor"), ["amara", "okafor"]),
    (("Jürgen", "Straße"), ["jurgen", "strasse"]),
    (("李", "小龙"), ["李", "小龙"]),
])
def test_a_name_is_found_by_its_folded_words(names: tuple[str, str], tokens: list[str]) -> None:
    assert name_tokens(*names) == tokens


@pytest.mark.parametrize("opening, error, rule_or_field", [
    (Opening(date(2026, 3, 3)), InvalidField, "date_of_birth"),  # tomorrow
    (Opening(date(2999, 1, 1)), InvalidField, "date_of_birth"),
    (Opening(date(2001, 3, 2)), RuleViolation, "R1.2"),  # 25 today
    (Opening(date(2001, 3, 2), request_received_on=date(2026, 3, 2)), RuleViolation, "R1.2"),
    (Opening(date(2001, 3, 2), request_received_on=date(2026, 3, 3)), InvalidField,
     "request_received_on"),
    (Opening(date(2000, 8, 31), plan_maintained=True), RuleViolation, "R4.4"),  # past 31 Aug
])
def test_r1_2_who_may_be_opened_as_a_case_is_refused(opening: Opening, error: type,
                                                     rule_or_field: str) -> None:
    with pytest.raises(error) as raised:
        check_may_open(opening, TODAY)
    assert rule_or_field in (getattr(raised.value, "rule", None),
                             getattr(raised.value, "field", None))


@pytest.mark.parametrize("opening", [
    Opening(date(2026, 3, 2)),  # born today
    Opening(date(2001, 3, 3)),  # 25 tomorrow
    Opening(date(2001, 3, 2), request_received_on=date(2026, 3, 1)),  # R1.2: before it
    Opening(date(2001, 3, 2), plan_maintained=True),  # R4.4: to 31 August 2026
])
def test_r1_2_r4_4_who_may_be_opened_as_a_case(opening: Opening) -> None:
    check_may_open(opening, TODAY)


def kept(case_id: str, born_on: date, *, given: str = "Amara", family: str = "Okafor",
         **identifiers: str) -> CaseRecord:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    return CaseRecord(id=case_id, la_code="201", given_name=given, family_name=family,
                      date_of_birth=born_on, version=1, created_at=now, updated_at=now,
                      **identifiers)


BORN = date(2023, 5, 1)
ADA = Newcomer("Ada", "Lee", BORN, nhs_number="9434765919")


@pytest.mark.parametrize("candidates, expected", [
    ([], Match()),
    ([kept("a", BORN, given="Ada", family="Lee", nhs_number="9434765919")], Match(case_id="a")),
    # the identifier and the date of birth agree: the same child, whatever the name says
    ([kept("a", BORN, nhs_number="9434765919")], Match(case_id="a")),
    # the identifier is another child's (born on another day): a new case to reconcile
    ([kept("b", date(2022, 1, 1), given="Ada", family="Lee", nhs_number="9434765919")],
     Match(reconcile_with="b", withheld=("nhs_number",),
           reason="the nhs_number 9434765919 given is held by case b, born on another day; "
                  "it was not stored on this case")),
    # the same name and birthday, no shared identifier: a new case to reconcile
    ([kept("c", BORN, given="ADA", family="Lée", nhs_number="9434765900")],
     Match(reconcile_with="c", reason="same name and date of birth as case c")),
])
def test_r1_15_a_notified_child_is_a_kept_case_only_when_identifier_and_birth_agree(
        candidates: list[CaseRecord], expected: Match) -> None:
    assert match_child(ADA, candidates) == expected


def test_one_child_one_case_an_identifier_clash_is_never_waved_through() -> None:
    with pytest.raises(Conflict) as raised:
        check_not_duplicate(ADA, [kept("a", date(2020, 1, 1), nhs_number="9434765919")],
                            different_child=True)
    assert raised.value.extensions["existing_case_id"] == "a"
    assert raised.value.extensions["field"] == "nhs_number"


def test_the_same_name_and_birthday_is_a_duplicate_unless_a_different_child() -> None:
    twin = [kept("a", BORN, given="ada", family="LEE")]
    with pytest.raises(Conflict) as raised:
        check_not_duplicate(Newcomer("Ada", "Lee", BORN), twin, different_child=False)
    assert raised.value.extensions["existing_case_ids"] == ["a"]
    check_not_duplicate(Newcomer("Ada", "Lee", BORN), twin, different_child=True)
    check_not_duplicate(Newcomer("Ada", "Lee", date(2023, 5, 2)), twin, different_child=False)
