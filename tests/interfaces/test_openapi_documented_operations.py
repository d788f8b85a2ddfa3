"""Issue 12 item 1 for every service: every operation of each has a
description and at least one request example (when it takes a body) and one response
example (`sendsys openapi --gaps` reports none), and every example given validates
against the schema it illustrates, so a client generator's samples are real requests and
answers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from common.openapi import operation_gaps
from common.settings import Settings
from common.web import create_service_app
from sendsys.services import SPECS

SERVICES = tuple(SPECS)


@pytest.fixture(scope="module", params=SERVICES)
def document(request: pytest.FixtureRequest) -> dict[str, Any]:
    return create_service_app(SPECS[request.param](), Settings(env="test")).openapi()


def test_openapi_gaps_are_none(document: dict[str, Any]) -> None:
    assert operation_gaps(document) == {"no description": [], "no request example": [],
                                        "no response example": []}


def _examples(document: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any], Any]]:
    """(where, schema, example) for every example in the document."""
    for name, schema in document["components"]["schemas"].items():
        for n, example in enumerate(schema.get("examples", [])):
            yield f"components.schemas.{name}[{n}]", schema, example
    for path, item in document["paths"].items():
        for method, operation in item.items():
            bodies = [("request", operation.get("requestBody", {}))] + [
                (code, answer) for code, answer in operation.get("responses", {}).items()]
            for where, body in bodies:
                for media_type, media in body.get("content", {}).items():
                    if "example" in media and "json" in media_type:
                        yield (f"{method.upper()} {path} {where} {media_type}",
                               media.get("schema", {}), media["example"])


def test_every_example_validates_against_its_schema(document: dict[str, Any]) -> None:
    failures = []
    checked = 0
    for where, schema, example in _examples(document):
        validator = Draft202012Validator({**schema, "components": document["components"]},
                                         format_checker=FormatChecker())
        failures += [f"{where}: {e.message}" for e in validator.iter_errors(example)]
        checked += 1
    assert checked > 0
    assert failures == [], "\n".join(failures)


def test_closed_sets_and_conditional_fields_are_in_the_schema() -> None:
    """Issue 12 item 1, hidden requirements: a cease ground is one of R4.1's two, an
    exception kind one of R1.9's and R1.10's, and an advice recipient is needed for every
    advice type but health; a client reads all of it in the schema."""
    schemas = create_service_app(SPECS["assessment"](), Settings(env="test")).openapi()[
        "components"]["schemas"]
    grounds = ["no_longer_responsible", "no_longer_necessary"]
    assert schemas["CeaseProposalCreate"]["properties"]["ground"]["enum"] == grounds
    decision_ground = schemas["ReviewDecision"]["properties"]["cease_ground"]
    assert grounds in [option.get("enum") for option in decision_ground.get("anyOf", [])] + [
        decision_ground.get("enum")]
    assert "absent_from_area" in schemas["ExceptionCreate"]["properties"]["kind"]["enum"]
    recipient = schemas["AdviceRequestCreate"]["properties"]["recipient"]["description"]
    assert "required for every advice type but health" in recipient
