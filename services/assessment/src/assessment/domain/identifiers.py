"""Check-character validation of the identifiers a case carries (UPN, ULN, NHS number) and
the normalised name tokens a case is found by."""

from __future__ import annotations

import unicodedata

from assessment.domain.errors import InvalidIdentifier

# Person identifiers of the SEN2 person record (R13.1).
_RULE = "R13.1"
# DfE UPN check letters: A-Z without I, O and S, valued 0..22.
_UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"


def _ascii_digits(value: str) -> bool:
    """Only 0-9: `str.isdigit` also accepts other scripts' digits (Arabic-Indic, full-width)."""
    return value.isascii() and value.isdigit()


def upn_check_letter(body: str) -> str:
    """The check letter for UPN characters 2-13: weights 2..13, sum mod 23 (DfE UPN standard).

    A temporary UPN's final letter counts as its value in the check-letter table."""
    values = [int(c) if _ascii_digits(c) else _UPN_LETTERS.index(c) for c in body]
    return _UPN_LETTERS[sum(w * v for w, v in zip(range(2, 14), values, strict=True)) % 23]


def validate_upn(upn: str) -> str:
    """Normalise and validate a unique pupil number (permanent `A999999999999` or temporary
    `A99999999999A`); raises InvalidIdentifier."""
    value = upn.strip().upper()
    digits, last = value[1:12], value[12:]
    well_formed = (len(value) == 13 and value[0] in _UPN_LETTERS and _ascii_digits(digits)
                   and (_ascii_digits(last) or last in _UPN_LETTERS))
    if not well_formed:
        raise InvalidIdentifier(_RULE, "a UPN is a check letter and 12 digits (or 11 and a letter)",
                                "upn")
    if upn_check_letter(value[1:]) != value[0]:
        raise InvalidIdentifier(_RULE, "wrong check letter", "upn")
    return value


def _mod11_weighted(digits: str) -> int:
    return sum(w * int(d) for w, d in zip(range(10, 1, -1), digits, strict=True)) % 11


def validate_uln(uln: str) -> str:
    """Validate a unique learner number: 10 digits, check = 10 - (sum of digits 1-9 weighted
    10..2 mod 11); remainder 0 (check 10) is never issued (LRS specification)."""
    value = uln.strip()
    if len(value) != 10 or not _ascii_digits(value):
        raise InvalidIdentifier(_RULE, "a ULN is 10 digits", "uln")
    check = 10 - _mod11_weighted(value[:9])
    if check == 10 or check != int(value[9]):
        raise InvalidIdentifier(_RULE, "wrong check digit", "uln")
    return value


def validate_nhs_number(nhs_number: str) -> str:
    """Validate an NHS number (spaces allowed): modulus 11 over digits 1-9 weighted 10..2,
    check = 11 - remainder, 11 becomes 0, 10 is invalid (NHS Data Dictionary)."""
    value = nhs_number.replace(" ", "").strip()
    if len(value) != 10 or not _ascii_digits(value):
        raise InvalidIdentifier(_RULE, "an NHS number is 10 digits", "nhs_number")
    check = 11 - _mod11_weighted(value[:9])
    check = 0 if check == 11 else check
    if check == 10 or check != int(value[9]):
        raise InvalidIdentifier(_RULE, "wrong check digit", "nhs_number")
    return value


def is_valid_upn(upn: str) -> bool:
    try:
        validate_upn(upn)
    except InvalidIdentifier:
        return False
    return True


def is_valid_uln(uln: str) -> bool:
    try:
        validate_uln(uln)
    except InvalidIdentifier:
        return False
    return True


def is_valid_nhs_number(nhs_number: str) -> bool:
    try:
        validate_nhs_number(nhs_number)
    except InvalidIdentifier:
        return False
    return True


def fold(text: str) -> str:
    """`text` as a search compares it: accents stripped (NFKD without combining marks),
    case folded, apostrophes and full stops dropped (O'Brien, St. John)."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(c for c in bare.casefold() if c not in "'’.`")


def name_tokens(*names: str) -> list[str]:
    """The distinct folded words of the names given (split at spaces, hyphens and any other
    character that is neither a letter nor a digit), in order: a case is found by a prefix
    of any of them."""
    words: list[str] = []
    for name in names:
        for word in "".join(c if c.isalnum() else " " for c in fold(name)).split():
            if word[:100] not in words:
                words.append(word[:100])
    return words
