"""Webhook subscriptions for partners (role health or provider, their organisation only):
register endpoints for event types, rotate secrets, list and replay deliveries."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query, Request

from common.auth import Principal, require_roles
from common.problems import Problem
from common.web import Transaction
from notifications.domain.records import Delivery, Endpoint
from notifications.log.metrics import ensure_collector
from notifications.state import state_of
from notifications.webhooks import service
from notifications.webhooks.schemas import (
    EndpointCreate,
    EndpointCreated,
    EndpointRead,
    PartnerDeliveryPage,
    PartnerDeliveryRead,
    ReplayRange,
    ReplayResult,
    SecretRotated,
)

_ENDPOINT = {
    "id": "5d0c6a1e-2b7f-4c1a-9e3d-8f6a2b1c0d9e", "org_code": "QWE",
    "url": "https://integration.example-icb.nhs.uk/sendsys/hook",
    "event_types": ["send.assessment.advice.requested.v1"], "status": "active",
    "disabled_reason": None, "created_at": "2026-03-02T09:00:00Z",
    "last_success_at": "2026-03-02T09:05:12Z", "last_failure_at": None,
    "consecutive_failures": 0}
_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
_DELIVERY = {
    "id": "8b1e2f3a-4c5d-4e6f-8a7b-9c0d1e2f3a4b",
    "event_id": "7b2c1e0a-5d4e-4f3a-9b8c-1d2e3f4a5b6c",
    "event_type": "send.assessment.advice.requested.v1", "status": "sent", "attempts": 1,
    "created_at": "2026-03-02T09:05:11Z", "sent_at": "2026-03-02T09:05:12Z",
    "next_attempt_at": None, "endpoint_id": _ENDPOINT["id"], "replays": 0}


def _answers(status: int, example: object) -> dict[int | str, dict[str, object]]:
    """An example success answer for the OpenAPI document."""
    return {status: {"content": {"application/json": {"example": example}}}}


router = APIRouter(prefix="/v1/webhooks", tags=["notifications: partner webhooks"],
                   dependencies=[Depends(ensure_collector)])


def _partner(principal: Annotated[Principal, Depends(require_roles("health", "provider"))],
             ) -> Principal:
    if not principal.org_code:
        raise Problem(403, "The token names no organisation", kind="forbidden-role")
    return principal


Partner = Annotated[Principal, Depends(_partner)]


def _read(endpoint: Endpoint) -> EndpointRead:
    values = asdict(endpoint)
    values["event_types"] = endpoint.subscribed
    return EndpointRead.model_validate(values)


def _delivery(row: Delivery) -> PartnerDeliveryRead:
    return PartnerDeliveryRead.model_validate(asdict(row))


def _allow_http(request: Request) -> bool:
    return bool(request.app.state.runtime.settings.is_dev_or_test)


@router.post("", response_model=EndpointCreated, status_code=201,
             summary="Register an endpoint (the signing secret is in the answer)",
             responses=_answers(201, {**_ENDPOINT, "secret": _SECRET}))
async def register(body: EndpointCreate, uow: Transaction, principal: Partner,
                   request: Request,
                   idempotency_key: Annotated[str | None, Header()] = None) -> EndpointCreated:
    """Subscribe the caller's organisation (an ICB by ODS code, a school or college by URN)
    to event types at an https address. Each delivery is a Standard Webhooks request
    signed with the secret returned here, once: keep it. The address must resolve to
    public addresses (422 otherwise); it is checked again before every delivery, and the
    connection goes to the address that was checked. An `Idempotency-Key` makes a retried
    registration answer the first one."""
    runtime = request.app.state.runtime
    await service.check_target(state_of(runtime).settings, _allow_http(request), body.url)
    endpoint, secret = await service.register(uow, principal, body, idempotency_key)
    return EndpointCreated(**_read(endpoint).model_dump(), secret=secret)


@router.get("", response_model=list[EndpointRead], summary="My organisation's endpoints",
            responses=_answers(200, [_ENDPOINT]))
async def list_endpoints(uow: Transaction, principal: Partner) -> list[EndpointRead]:
    """The endpoints the caller's organisation registered with this LA, in its role
    (health or provider), with their health: last success, last failure, failures in a
    row and why an endpoint was disabled. Secrets are never shown again."""
    return [_read(e) for e in await service.endpoints_of(uow, principal)]


@router.get("/{endpoint_id}", response_model=EndpointRead, summary="One endpoint",
            responses=_answers(200, _ENDPOINT))
async def get_endpoint(endpoint_id: str, uow: Transaction, principal: Partner) -> EndpointRead:
    """One of the caller's endpoints; another organisation's (or role's) is 404, as an
    unknown one is."""
    return _read(await service.own_endpoint(uow, principal, endpoint_id))


@router.post("/{endpoint_id}/enable", response_model=EndpointRead,
             summary="Re-enable an endpoint (e.g. after it answered 410)",
             responses=_answers(200, _ENDPOINT))
async def enable(endpoint_id: str, uow: Transaction, principal: Partner,
                 request: Request) -> EndpointRead:
    """Switch a disabled endpoint back on (after it answered 410 Gone, or failed too often).
    Its address is checked again first. Deliveries that failed meanwhile are not resent:
    replay them."""
    return _read(await service.enable(uow, principal,
                                      state_of(request.app.state.runtime).settings,
                                      _allow_http(request), endpoint_id))


@router.delete("/{endpoint_id}", status_code=204, summary="Remove an endpoint")
async def remove(endpoint_id: str, uow: Transaction, principal: Partner) -> None:
    """Stop deliveries to the endpoint and forget it; its delivery history stays in the
    LA's log."""
    await service.remove(uow, principal, endpoint_id)


@router.post("/{endpoint_id}/rotate-secret", response_model=SecretRotated,
             summary="New secret; the previous ones keep signing for the overlap period",
             responses=_answers(200, {"secret": _SECRET,
                                      "previous_valid_until": "2026-03-03T09:00:00Z"}))
async def rotate_secret(endpoint_id: str, uow: Transaction, principal: Partner,
                        request: Request,
                        overlap_s: Annotated[int | None, Query(ge=0, le=7 * 86400)] = None,
                        ) -> SecretRotated:
    """A new signing secret, returned once. Until `previous_valid_until` each delivery is
    signed with the old secrets too (one `v1,` signature each), so the receiver can
    switch without missing a message. `overlap_s` sets that period (default: the LA's
    setting, 24 hours)."""
    secret, until = await service.rotate_secret(
        uow, principal, state_of(request.app.state.runtime).settings, endpoint_id, overlap_s)
    return SecretRotated(secret=secret, previous_valid_until=until)


@router.get("/{endpoint_id}/deliveries", response_model=PartnerDeliveryPage,
            summary="Deliveries to the endpoint, with their status (no receiver answers)",
            responses=_answers(200, {"items": [_DELIVERY], "total": 1, "limit": 50,
                                     "offset": 0}))
async def endpoint_deliveries(endpoint_id: str, uow: Transaction, principal: Partner,
                              status: str | None = None,
                              limit: Annotated[int, Query(ge=1, le=500)] = 50,
                              offset: Annotated[int, Query(ge=0, le=2**31)] = 0,
                              ) -> PartnerDeliveryPage:
    """What was sent to the endpoint, newest first, with its status and attempts
    (optionally one `status`). The receiver's own answers are not shown: they stay in
    the LA's log."""
    rows, total = await service.endpoint_deliveries(uow, principal, endpoint_id, status,
                                                    limit, offset)
    return PartnerDeliveryPage(items=[_delivery(r) for r in rows], total=total, limit=limit,
                               offset=offset)


@router.post("/{endpoint_id}/deliveries/{delivery_id}/replay", response_model=ReplayResult,
             summary="Send one delivery again (same webhook-id)",
             responses=_answers(200, {"queued": 1}))
async def replay_one(endpoint_id: str, delivery_id: str, uow: Transaction,
                     principal: Partner) -> ReplayResult:
    """Queue one delivery to be sent again with the same `webhook-id`, so a receiver that
    already has it can drop the copy."""
    return ReplayResult(queued=await service.replay_one(uow, principal, endpoint_id,
                                                        delivery_id))


@router.post("/{endpoint_id}/replay", response_model=ReplayResult,
             summary="Send again every delivery created in a time range",
             responses=_answers(200, {"queued": 3}))
async def replay_range(endpoint_id: str, body: ReplayRange, uow: Transaction,
                       principal: Partner) -> ReplayResult:
    """Queue again every delivery created between `since` and `until` (only the failed
    ones unless `only_failed` is false), e.g. after the receiver was down; each keeps its
    `webhook-id`."""
    return ReplayResult(queued=await service.replay_range(
        uow, principal, endpoint_id, body.since, body.until, body.only_failed))
