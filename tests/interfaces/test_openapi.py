"""Every service's OpenAPI document as a client generator reads it (issue 12, item 1):
valid OpenAPI 3.1 (`openapi-spec-validator`), errors documented as the problem documents
really sent, a bearer security scheme, and the docs pages served without a CDN. Real
responses of each service are checked against its document with `openapi-core`."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from openapi_core import Config, OpenAPI
from openapi_core.testing import MockRequest, MockResponse
from openapi_spec_validator import validate

from assessment.domain.status import (
    AdviceStatus,
    PlanStatus,
    RequestStatus,
    ReviewStatus,
    SchoolRequestStatus,
    TransferStatus,
)
from common.auth import ROLES
from common.clock import FixedClock
from common.openapi import operation_gaps
from common.settings import Settings
from common.web import create_service_app
from sendsys.services import SPECS
from tests.conftest import migrate_all
from tests.harness import System
from tests.harness import test_settings as settings_for

PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}


@pytest.fixture(scope="module")
def documents() -> dict[str, dict[str, Any]]:
    return {name: create_service_app(make(), Settings(env="test")).openapi()
            for name, make in SPECS.items()}


def _operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(path, method, op) for path, item in document["paths"].items()
            for method, op in item.items()]


@pytest.mark.parametrize("service", list(SPECS))
def test_every_service_document_is_valid_openapi(documents, service: str) -> None:
    validate(documents[service])


@pytest.mark.parametrize("service", list(SPECS))
def test_errors_are_documented_as_the_problem_documents_really_sent(
        documents, service: str) -> None:
    """RFC 9457 (invariant 9): no FastAPI HTTPValidationError (its `detail` array is not
    what is sent); every 4xx/5xx response is application/problem+json with `errors[]`."""
    document = documents[service]
    assert "HTTPValidationError" not in json.dumps(document)
    problem = document["components"]["schemas"]["Problem"]
    assert {"type", "title", "status", "detail", "instance"} <= set(problem["required"])
    error_item = document["components"]["schemas"]["ProblemError"]["properties"]
    assert {"rule", "field", "message", "code"} <= set(error_item)
    error_responses = 0
    for path, method, operation in _operations(document):
        for status, response in operation["responses"].items():
            if status[0] in "45":
                error_responses += 1
                assert list(response["content"]) == ["application/problem+json"], (path, status)
                assert response["content"]["application/problem+json"]["schema"] == PROBLEM_REF
        if "{" in path:
            assert "404" in operation["responses"], (method, path)
        if method in ("post", "put", "patch", "delete"):
            assert {"409", "422"} <= set(operation["responses"]), (method, path)
    assert error_responses > 0


@pytest.mark.parametrize("service", list(SPECS))
def test_operations_that_need_a_token_say_so_with_a_bearer_scheme(
        documents, service: str) -> None:
    """/docs gets its Authorize button; 401 and 403 are documented where a token is
    needed, and the public probes need none."""
    document = documents[service]
    assert document["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http", "scheme": "bearer", "bearerFormat": "JWT",
        "description": document["components"]["securitySchemes"]["bearerAuth"]["description"]}
    for path, method, operation in _operations(document):
        if path in ("/healthz", "/readyz"):
            assert "security" not in operation
        elif path.startswith(("/v1/", "/ops/")) and "security" in operation:
            assert {"401", "403"} <= set(operation["responses"]), (method, path)
            assert "WWW-Authenticate" in operation["responses"]["401"]["headers"]
    secured = [op for _, _, op in _operations(document) if "security" in op]
    assert secured, "every service has operations behind a token (at least /ops)"


def test_if_match_endpoints_document_412(documents) -> None:
    """Found from the code: a direct `check_if_match` call (assessment's contacts) or one
    through a helper of the router's module (mediation's `case_for_change`)."""
    contacts = documents["assessment"]["paths"]["/v1/cases/{case_id}/contacts"]["put"]
    assert "412" in contacts["responses"]
    outcome = documents["mediation"]["paths"]["/v1/mediation-cases/{mediation_case_id}/outcome"]
    assert "412" in outcome["post"]["responses"]
    for document in documents.values():
        for path, method, operation in _operations(document):
            if method == "get":
                assert "412" not in operation["responses"], path


def test_lifecycle_states_in_responses_are_named_closed_sets(documents) -> None:
    """A client generator gets an enum, not a free string, for the state of each record with
    a lifecycle: the values are the domain's own (assessment.domain.status)."""
    schemas = documents["assessment"]["components"]["schemas"]

    def states(model: str) -> set[str]:
        status = schemas[model]["properties"]["status"]
        target = status.get("$ref") or status["allOf"][0]["$ref"] if "enum" not in status \
            else None
        return set(schemas[target.rsplit("/", 1)[1]]["enum"] if target else status["enum"])

    for model, lifecycle in (("RequestRead", RequestStatus), ("PlanRead", PlanStatus),
                             ("ReviewRead", ReviewStatus), ("AdviceRequestRead", AdviceStatus),
                             ("TransferRead", TransferStatus),
                             ("SchoolRequestRead", SchoolRequestStatus)):
        assert states(model) == {s.value for s in lifecycle}, model


def test_operation_gaps_lists_operations_without_description_or_examples(documents) -> None:
    gaps = operation_gaps(documents["assessment"])
    everything = {f"{m.upper()} {p}" for p, m, _ in _operations(documents["assessment"])}
    described = {f"{m.upper()} {p}" for p, m, op in _operations(documents["assessment"])
                 if op.get("description")}
    assert set(gaps["no description"]) == everything - described
    assert set(gaps) == {"no description", "no request example", "no response example"}


@pytest.mark.parametrize("service", list(SPECS))
async def test_docs_pages_and_their_assets_are_served_by_the_service(service: str) -> None:
    """Swagger UI and ReDoc load from the service itself: nothing from a CDN."""
    app = create_service_app(SPECS[service](), Settings(env="test"))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://svc.test") as client:
        for page in ("/docs", "/redoc"):
            html = (await client.get(page)).text
            assets = re.findall(r'(?:src|href)="([^"]+)"', html)
            assert assets, page
            for asset in assets:
                assert asset.startswith("/"), f"{page} loads {asset} from elsewhere"
                fetched = await client.get(asset)
                assert fetched.status_code == 200 and len(fetched.content) > 1000, asset
            assert "persistAuthorization" in html or page == "/redoc"


# --- real responses against the documents ---------------------------------------------------

@pytest.fixture(scope="module")
async def system(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[System]:
    """The five services once for the module, on SQLite built by their migrations."""
    url = f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('openapi')}/{{service}}.sqlite3"
    migrate_all(url)
    clock = FixedClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    started = await System(settings_for(url), clock).start()
    try:
        yield started
    finally:
        await started.stop()


_READERS: dict[int, OpenAPI] = {}


def _reader(document: dict[str, Any]) -> OpenAPI:
    """openapi-core over a document (validated by the test above, so not again here)."""
    reader = _READERS.get(id(document))
    if reader is None:
        # openapi-core reads application/json only by default; problem+json is JSON too
        config = Config(spec_validator_cls=None,
                        extra_media_type_deserializers={"application/problem+json": json.loads})
        reader = _READERS[id(document)] = OpenAPI.from_dict(document, config=config)
    return reader


def _check(document: dict[str, Any], method: str, path: str, response: httpx.Response,
           template: str) -> None:
    request = MockRequest("http://svc.test", method, path, path_pattern=template)
    content_type = response.headers.get("content-type", "").split(";")[0]
    _reader(document).validate_response(request, MockResponse(
        response.content, status_code=response.status_code, content_type=content_type,
        headers=dict(response.headers)))


def _fill(template: str) -> str:
    return re.sub(r"\{[^}]+\}", str(uuid.uuid4()), template)


def _pick(document: dict[str, Any], method: str, *, with_params: bool,
          with_body: bool = False) -> str | None:
    for path, m, operation in _operations(document):
        if m == method and "security" in operation and ("{" in path) == with_params \
                and ("requestBody" in operation) >= with_body:
            return path
    return None


@pytest.mark.parametrize("service", list(SPECS))
async def test_real_problem_responses_match_the_document(
        system: System, documents, service: str) -> None:
    """A request without a token (401), one whose body is not an object (422) and one for a
    resource that does not exist (404) from each service, checked by openapi-core."""
    document = documents[service]
    client = system.clients[service]
    everything = system.token(*sorted(ROLES))
    checked = 0

    template = _pick(document, "get", with_params=False) or _pick(document, "post",
                                                                  with_params=False)
    assert template is not None
    method = "get" if _pick(document, "get", with_params=False) else "post"
    response = await client.request(method, template)
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    _check(document, method, template, response, template)
    checked += 1

    template = _pick(document, "post", with_params=False, with_body=True)
    if template is not None:
        response = await client.post(template, headers=everything, json=["not an object"])
        assert response.status_code == 422, response.text
        assert response.json()["errors"][0]["field"]
        _check(document, "post", template, response, template)
        checked += 1

    template = _pick(document, "get", with_params=True)
    if template is not None:
        path = _fill(template)
        response = await client.get(path, headers=everything)
        assert response.status_code in (404, 422), response.text
        _check(document, "get", path, response, template)
        checked += 1
    assert checked >= 1


async def test_real_success_and_rule_responses_match_the_document(
        system: System, documents) -> None:
    """A created case (201) and a refused request date (422 naming its rule) from the
    assessment service, checked against its document."""
    document = documents["assessment"]
    client = system.clients["assessment"]
    staff = system.token("la_caseworker")
    created = await client.post("/v1/cases", headers=staff, json={
        "given_name": "Amara", "family_name": "Okafor", "date_of_birth": "2019-03-14",
        "contacts": [{"role": "parent", "name": "Ngozi Okafor", "email": "n@example.org"}]})
    assert created.status_code == 201, created.text
    _check(document, "post", "/v1/cases", created, "/v1/cases")
    case_id = created.json()["id"]
    path = f"/v1/cases/{case_id}"
    read = await client.get(path, headers=staff)
    _check(document, "get", path, read, "/v1/cases/{case_id}")
    future = await client.post(f"{path}/requests", headers=staff, json={
        "requester_type": "parent", "received_on": "2099-01-01"})
    assert future.status_code == 422, future.text
    _check(document, "post", f"{path}/requests", future, "/v1/cases/{case_id}/requests")
