"""UPN, ULN and NHS number check characters (person identifiers of the SEN2 record, R13.1)."""

import pytest

from assessment.domain.errors import InvalidIdentifier, RuleViolation
from assessment.domain.identifiers import (
    is_valid_nhs_number,
    is_valid_uln,
    is_valid_upn,
    upn_check_letter,
    validate_nhs_number,
    validate_uln,
    validate_upn,
)


@pytest.mark.parametrize("upn, valid", [
    ("B801200005001", True),  # permanent UPN
    ("b801200005001 ", True),  # normalised
    ("P207000016049", True),  # sum 266, mod 23 = 13 = P
    ("M80120000500A", True),  # temporary UPN: final letter A counts 0
    ("A801200005001", False),  # wrong check letter
    ("Q207000016049", False),
    ("B80120000A001", False),  # letter in the numeric part
    ("M80120000500I", False),  # I is never used
    ("I801200005001", False),
    ("B80120000500", False),  # 12 characters
])
def test_R13_1_upn_check_letter(upn, valid):
    assert is_valid_upn(upn) is valid


def test_R13_1_upn_check_letter_weights_2_to_13():
    assert upn_check_letter("801200005001") == "B"
    assert validate_upn("b801200005001") == "B801200005001"


@pytest.mark.parametrize("uln, valid", [
    ("3659656622", True),
    ("1000000000", True),  # remainder 10 → check digit 0
    ("3659656621", False),
    ("1000000060", False),  # remainder 0 → check 10: never issued
    ("1000000061", False),
    ("365965662", False),
    ("365965662X", False),
])
def test_R13_1_uln_check_digit(uln, valid):
    assert is_valid_uln(uln) is valid


@pytest.mark.parametrize("nhs, valid", [
    ("9434765919", True),
    ("943 476 5919", True),
    ("9434765918", False),
    ("9434765030", False),  # check would be 10: invalid whatever the last digit
    ("943476591", False),
])
def test_R13_1_nhs_number_modulus_11(nhs, valid):
    assert is_valid_nhs_number(nhs) is valid


def test_R13_1_invalid_identifiers_raise_a_rule_violation_naming_the_field():
    for validate, value, field in [(validate_upn, "A801200005001", "upn"),
                                   (validate_uln, "3659656621", "uln"),
                                   (validate_nhs_number, "9434765918", "nhs_number")]:
        with pytest.raises(InvalidIdentifier) as caught:
            validate(value)
        assert isinstance(caught.value, RuleViolation)
        assert (caught.value.rule, caught.value.field) == ("R13.1", field)
