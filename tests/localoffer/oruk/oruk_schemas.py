"""Validation of every ORUK response against the JSON Schemas in `schemas/` (written from
the Open Referral UK profile 3.0's published definitions; see the file's description)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker

PROFILE = json.loads((Path(__file__).parent / "schemas" / "oruk_profile_3_0.json").read_text())


@cache
def validator(definition: str) -> Draft202012Validator:
    assert definition in PROFILE["$defs"], definition
    schema = {**PROFILE, "$ref": f"#/$defs/{definition}"}
    return Draft202012Validator(schema, format_checker=FormatChecker())


def assert_valid(definition: str, document: Any) -> None:
    errors = sorted(validator(definition).iter_errors(document), key=lambda e: e.path)
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    _assert_no_nulls(document)


def assert_page(item_definition: str, body: Any) -> list[Any]:
    """A valid ORUK page whose every item is a valid `item_definition`."""
    assert_valid("page", body)
    for item in body["contents"]:
        assert_valid(item_definition, item)
    assert body["size"] == len(body["contents"])
    assert body["empty"] == (not body["contents"])
    return list(body["contents"])


def _assert_no_nulls(document: Any, path: str = "$") -> None:
    """Optional fields are left out, never sent as null."""
    if isinstance(document, dict):
        for key, value in document.items():
            assert value is not None, f"{path}.{key} is null"
            _assert_no_nulls(value, f"{path}.{key}")
    elif isinstance(document, list):
        for n, value in enumerate(document):
            _assert_no_nulls(value, f"{path}[{n}]")
