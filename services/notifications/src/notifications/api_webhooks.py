"""Webhook subscriptions for partners (role health or provider, their organisation only):
register endpoints for event types, rotate secrets, list and replay deliveries."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Mapping
from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query

from common.auth import Principal, require_roles
from common.http import IdempotencyKeys, request_fingerprint
from common.problems import Problem, not_found
from common.web import Runtime
from notifications import directory, repository
from notifications.channels.ssrf import UnsafeWebhookTarget, check_webhook_target
from notifications.channels.webhooks import new_secret
from notifications.reports import ensure_collector
from notifications.routing import DEFAULT_ROUTES
from notifications.schemas import (
    DeliveryPage,
    DeliveryRead,
    EndpointCreate,
    EndpointCreated,
    EndpointRead,
    ReplayRange,
    ReplayResult,
    SecretRotated,
)
from notifications.settings import own_settings
from notifications.tables import delivery

router = APIRouter(prefix="/v1/webhooks", tags=["notifications: partner webhooks"],
                   dependencies=[Depends(ensure_collector)])
PARTNER_EVENT_TYPES = frozenset(t for (t, a) in DEFAULT_ROUTES if a == "partner")


def _partner(principal: Annotated[Principal, Depends(require_roles("health", "provider"))],
             ) -> Principal:
    if not principal.org_code:
        raise Problem(403, "The token names no organisation", kind="forbidden-role")
    return principal


Partner = Annotated[Principal, Depends(_partner)]


def _read(row: Mapping[str, Any]) -> dict[str, Any]:
    return {**{k: row[k] for k in ("id", "org_code", "url", "status", "disabled_reason",
                                   "created_at", "last_success_at", "last_failure_at",
                                   "consecutive_failures")},
            "event_types": json.loads(row["event_types"])}


async def _own_endpoint(uow: Any, principal: Principal, endpoint_id: str,
                        for_update: bool = False) -> Mapping[str, Any]:
    row = await directory.endpoint(uow.session, endpoint_id, for_update=for_update)
    if row is None or row["la_code"] != principal.la_code \
            or row["org_code"] != principal.org_code:
        raise not_found("The webhook endpoint")
    return row


async def _check_target(runtime: Runtime, url: str) -> None:
    own = own_settings(runtime)
    try:
        await asyncio.to_thread(check_webhook_target, url,
                                allow_http=runtime.settings.is_dev_or_test,
                                allow_hosts=frozenset(own.webhook_allow_hosts))
    except UnsafeWebhookTarget as exc:
        raise Problem(422, f"The webhook URL is refused: {exc}", kind="unsafe-webhook-target",
                      errors=[{"field": "body.url", "message": str(exc)}]) from exc


@router.post("", response_model=EndpointCreated, status_code=201,
             summary="Register an endpoint (the signing secret is in the answer)")
async def register(body: EndpointCreate, runtime: Runtime, principal: Partner,
                   idempotency_key: Annotated[str | None, Header()] = None) -> EndpointCreated:
    unknown = sorted(set(body.event_types) - PARTNER_EVENT_TYPES)
    if unknown:
        raise Problem(422, f"Partners cannot subscribe to {', '.join(unknown)}",
                      kind="validation-error", allowed=sorted(PARTNER_EVENT_TYPES))
    await _check_target(runtime, body.url)
    fingerprint = request_fingerprint(body, "/v1/webhooks")
    async with runtime.unit_of_work() as uow:
        keys = IdempotencyKeys(uow, principal, idempotency_key)
        earlier = await keys.earlier_result(fingerprint)
        if earlier is not None:
            row = await _own_endpoint(uow, principal, earlier)
            return EndpointCreated(**_read(row), secret=json.loads(row["secrets"])[0]["secret"])
        secret = new_secret()
        values = {"id": str(uuid.uuid4()), "la_code": principal.la_code,
                  "org_code": principal.org_code, "url": body.url,
                  "event_types": json.dumps(sorted(set(body.event_types))),
                  "secrets": json.dumps([{"secret": secret}]), "status": "active",
                  "disabled_reason": None, "created_at": uow.clock.now(),
                  "last_success_at": None, "last_failure_at": None, "consecutive_failures": 0}
        await directory.add_endpoint(uow.session, values)
        await keys.remember(fingerprint, values["id"])
        await uow.commit()
    return EndpointCreated(**_read(values), secret=secret)


@router.get("", response_model=list[EndpointRead], summary="My organisation's endpoints")
async def list_endpoints(runtime: Runtime, principal: Partner) -> list[EndpointRead]:
    async with runtime.unit_of_work() as uow:
        rows = await directory.endpoints_of_org(uow.session, principal.la_code,
                                                principal.org_code or "")
    return [EndpointRead(**_read(r)) for r in rows]


@router.get("/{endpoint_id}", response_model=EndpointRead)
async def get_endpoint(endpoint_id: str, runtime: Runtime, principal: Partner) -> EndpointRead:
    async with runtime.unit_of_work() as uow:
        return EndpointRead(**_read(await _own_endpoint(uow, principal, endpoint_id)))


@router.post("/{endpoint_id}/enable", response_model=EndpointRead,
             summary="Re-enable an endpoint (e.g. after it answered 410)")
async def enable(endpoint_id: str, runtime: Runtime, principal: Partner) -> EndpointRead:
    async with runtime.unit_of_work() as uow:
        row = await _own_endpoint(uow, principal, endpoint_id)
        await _check_target(runtime, row["url"])
        await directory.update_endpoint(uow.session, endpoint_id, {
            "status": "active", "disabled_reason": None, "consecutive_failures": 0})
        await uow.commit()
        row = await _own_endpoint(uow, principal, endpoint_id)
    return EndpointRead(**_read(row))


@router.delete("/{endpoint_id}", status_code=204)
async def remove(endpoint_id: str, runtime: Runtime, principal: Partner) -> None:
    async with runtime.unit_of_work() as uow:
        await _own_endpoint(uow, principal, endpoint_id)
        await directory.update_endpoint(uow.session, endpoint_id, {
            "status": "disabled", "disabled_reason": "removed by the partner"})
        await uow.commit()


@router.post("/{endpoint_id}/rotate-secret", response_model=SecretRotated,
             summary="New secret; the previous ones keep signing for the overlap period")
async def rotate_secret(endpoint_id: str, runtime: Runtime, principal: Partner,
                        overlap_s: Annotated[int | None, Query(ge=0, le=7 * 86400)] = None,
                        ) -> SecretRotated:
    own = own_settings(runtime)
    async with runtime.unit_of_work() as uow:
        row = await _own_endpoint(uow, principal, endpoint_id, for_update=True)
        now = uow.clock.now()
        until = now + timedelta(seconds=own.secret_overlap_s if overlap_s is None else overlap_s)
        kept = [{"secret": s["secret"], "expires_at": min(
            s.get("expires_at") or until.isoformat(), until.isoformat())}
            for s in json.loads(row["secrets"])]
        kept = [s for s in kept if s["expires_at"] > now.isoformat()]
        secret = new_secret()
        await directory.update_endpoint(uow.session, endpoint_id, {
            "secrets": json.dumps([{"secret": secret}, *kept])})
        await uow.commit()
    return SecretRotated(secret=secret, previous_valid_until=until)


@router.get("/{endpoint_id}/deliveries", response_model=DeliveryPage)
async def endpoint_deliveries(endpoint_id: str, runtime: Runtime, principal: Partner,
                              status: str | None = None,
                              limit: Annotated[int, Query(ge=1, le=500)] = 50,
                              offset: Annotated[int, Query(ge=0)] = 0) -> DeliveryPage:
    async with runtime.unit_of_work() as uow:
        await _own_endpoint(uow, principal, endpoint_id)
        rows, total = await repository.page(uow.session, repository.log_filter(
            principal.la_code, endpoint_id=endpoint_id, status=status), limit, offset)
    return DeliveryPage(items=[DeliveryRead.model_validate(dict(r)) for r in rows],
                        total=total, limit=limit, offset=offset)


@router.post("/{endpoint_id}/deliveries/{delivery_id}/replay", response_model=ReplayResult,
             summary="Send one delivery again (same webhook-id)")
async def replay_one(endpoint_id: str, delivery_id: str, runtime: Runtime,
                     principal: Partner) -> ReplayResult:
    async with runtime.unit_of_work() as uow:
        await _own_endpoint(uow, principal, endpoint_id)
        queued = await repository.replay(uow.session, [
            delivery.c.id == delivery_id, delivery.c.endpoint_id == endpoint_id],
            uow.clock.now())
        row = await repository.get(uow.session, delivery_id)
        if row is None or row["endpoint_id"] != endpoint_id:
            raise not_found("The delivery")
        await uow.commit()
    return ReplayResult(queued=queued)


@router.post("/{endpoint_id}/replay", response_model=ReplayResult,
             summary="Send again every delivery created in a time range")
async def replay_range(endpoint_id: str, body: ReplayRange, runtime: Runtime,
                       principal: Partner) -> ReplayResult:
    if body.until <= body.since:
        raise Problem(422, "until must be after since", kind="validation-error")
    conditions = [delivery.c.endpoint_id == endpoint_id, delivery.c.created_at >= body.since,
                  delivery.c.created_at < body.until]
    if body.only_failed:
        conditions.append(delivery.c.status == "failed")
    async with runtime.unit_of_work() as uow:
        await _own_endpoint(uow, principal, endpoint_id)
        queued = await repository.replay(uow.session, conditions, uow.clock.now())
        await uow.commit()
    return ReplayResult(queued=queued)
