"""The delivery log, inbox, report and partner webhook operations are documented for a
client: a description and an example request and answer each (issue 12, item 1), and the
examples match the answer schemas."""

from __future__ import annotations

from typing import Any

import pytest

from common.openapi import operation_gaps
from common.settings import Settings
from common.web import create_service_app
from sendsys.services import SPECS

OWNED = ("/v1/webhooks", "/v1/deliveries", "/v1/inbox", "/v1/reports/deliveries")


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    settings = Settings(env="test", service="notifications")
    return create_service_app(SPECS["notifications"](), settings).openapi()


def test_every_log_and_webhook_operation_has_description_and_examples(
        document: dict[str, Any]) -> None:
    for gap, operations in operation_gaps(document).items():
        mine = [op for op in operations if op.split(" ", 1)[1].startswith(OWNED)]
        assert mine == [], f"{gap}: {mine}"


def _nullable(prop: dict[str, Any]) -> bool:
    return any(option.get("type") == "null" for option in prop.get("anyOf", []))


def test_answer_examples_carry_every_required_field(document: dict[str, Any]) -> None:
    schemas = document["components"]["schemas"]
    checked = 0
    for path, item in document["paths"].items():
        if not path.startswith(OWNED):
            continue
        for operation in item.values():
            for answer in operation["responses"].values():
                media = answer.get("content", {}).get("application/json", {})
                if "example" not in media:
                    continue
                schema = media["schema"]
                example = media["example"]
                if schema.get("type") == "array":
                    schema, example = schema["items"], example[0]
                target = schemas[schema["$ref"].rsplit("/", 1)[1]]
                # FastAPI drops null values from the document: nullable fields may be absent
                assert {f for f in target.get("required", [])
                        if not _nullable(target["properties"][f])} <= set(example), path
                assert set(example) <= set(target["properties"]), path
                checked += 1
    assert checked >= 10
