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
             summary="Register an endpoint (the signing secret is in the answer)")
async def register(body: EndpointCreate, uow: Transaction, principal: Partner,
                   request: Request,
                   idempotency_key: Annotated[str | None, Header()] = None) -> EndpointCreated:
    runtime = request.app.state.runtime
    await service.check_target(state_of(runtime).settings, _allow_http(request), body.url)
    endpoint, secret = await service.register(uow, principal, body, idempotency_key)
    return EndpointCreated(**_read(endpoint).model_dump(), secret=secret)


@router.get("", response_model=list[EndpointRead], summary="My organisation's endpoints")
async def list_endpoints(uow: Transaction, principal: Partner) -> list[EndpointRead]:
    return [_read(e) for e in await service.endpoints_of(uow, principal)]


@router.get("/{endpoint_id}", response_model=EndpointRead)
async def get_endpoint(endpoint_id: str, uow: Transaction, principal: Partner) -> EndpointRead:
    return _read(await service.own_endpoint(uow, principal, endpoint_id))


@router.post("/{endpoint_id}/enable", response_model=EndpointRead,
             summary="Re-enable an endpoint (e.g. after it answered 410)")
async def enable(endpoint_id: str, uow: Transaction, principal: Partner,
                 request: Request) -> EndpointRead:
    return _read(await service.enable(uow, principal,
                                      state_of(request.app.state.runtime).settings,
                                      _allow_http(request), endpoint_id))


@router.delete("/{endpoint_id}", status_code=204)
async def remove(endpoint_id: str, uow: Transaction, principal: Partner) -> None:
    await service.remove(uow, principal, endpoint_id)


@router.post("/{endpoint_id}/rotate-secret", response_model=SecretRotated,
             summary="New secret; the previous ones keep signing for the overlap period")
async def rotate_secret(endpoint_id: str, uow: Transaction, principal: Partner,
                        request: Request,
                        overlap_s: Annotated[int | None, Query(ge=0, le=7 * 86400)] = None,
                        ) -> SecretRotated:
    secret, until = await service.rotate_secret(
        uow, principal, state_of(request.app.state.runtime).settings, endpoint_id, overlap_s)
    return SecretRotated(secret=secret, previous_valid_until=until)


@router.get("/{endpoint_id}/deliveries", response_model=PartnerDeliveryPage,
            summary="Deliveries to the endpoint, with their status (no receiver answers)")
async def endpoint_deliveries(endpoint_id: str, uow: Transaction, principal: Partner,
                              status: str | None = None,
                              limit: Annotated[int, Query(ge=1, le=500)] = 50,
                              offset: Annotated[int, Query(ge=0, le=2**31)] = 0,
                              ) -> PartnerDeliveryPage:
    rows, total = await service.endpoint_deliveries(uow, principal, endpoint_id, status,
                                                    limit, offset)
    return PartnerDeliveryPage(items=[_delivery(r) for r in rows], total=total, limit=limit,
                               offset=offset)


@router.post("/{endpoint_id}/deliveries/{delivery_id}/replay", response_model=ReplayResult,
             summary="Send one delivery again (same webhook-id)")
async def replay_one(endpoint_id: str, delivery_id: str, uow: Transaction,
                     principal: Partner) -> ReplayResult:
    return ReplayResult(queued=await service.replay_one(uow, principal, endpoint_id,
                                                        delivery_id))


@router.post("/{endpoint_id}/replay", response_model=ReplayResult,
             summary="Send again every delivery created in a time range")
async def replay_range(endpoint_id: str, body: ReplayRange, uow: Transaction,
                       principal: Partner) -> ReplayResult:
    return ReplayResult(queued=await service.replay_range(
        uow, principal, endpoint_id, body.since, body.until, body.only_failed))
