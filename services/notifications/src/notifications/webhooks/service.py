"""Use cases of partner webhook subscriptions: register (the URL checked against SSRF
targets), enable, remove, rotate the secret, list and replay deliveries. An endpoint is
only ever found within its owner's scope. Nothing here commits."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from common.db.uow import UnitOfWork
from common.errors import NotFound, RuleViolation
from common.idempotency import create_once
from common.principal import Principal
from notifications.delivery import repository as deliveries
from notifications.delivery.channels.ssrf import UnsafeWebhookTarget, check_webhook_target
from notifications.delivery.channels.webhooks import new_secret
from notifications.delivery.tables import delivery
from notifications.domain import errors
from notifications.domain.enums import DeliveryStatus, EndpointStatus, PartnerRole
from notifications.domain.records import Delivery, Endpoint, EndpointOwner
from notifications.log import repository as log
from notifications.planning.routing import DEFAULT_ROUTES
from notifications.settings import NotificationsSettings
from notifications.webhooks import repository, rules
from notifications.webhooks.schemas import EndpointCreate

PARTNER_EVENT_TYPES = frozenset(t for (t, a) in DEFAULT_ROUTES if a == "partner")


def owner_of(principal: Principal) -> EndpointOwner:
    """The partner role the token carries (health before provider if it has both)."""
    role = next(r for r in PartnerRole if r in principal.roles)
    return EndpointOwner(principal.la_code, role, principal.org_code or "")


async def own_endpoint(uow: UnitOfWork, principal: Principal, endpoint_id: str,
                       for_update: bool = False) -> Endpoint:
    found = await repository.owned_endpoint(uow.connection, endpoint_id, owner_of(principal),
                                            for_update=for_update)
    if found is None:
        raise NotFound("The webhook endpoint")
    return found


async def check_target(own: NotificationsSettings, allow_http: bool, url: str) -> None:
    try:
        await asyncio.to_thread(check_webhook_target, url, allow_http=allow_http,
                                allow_hosts=frozenset(own.webhook_allow_hosts))
    except UnsafeWebhookTarget as exc:
        raise RuleViolation(errors.WEBHOOK_TARGET, f"The webhook URL is refused: {exc}",
                            field="body.url") from exc


def _check_event_types(event_types: Sequence[str]) -> list[str]:
    unknown = sorted(set(event_types) - PARTNER_EVENT_TYPES)
    if unknown:
        allowed = ", ".join(sorted(PARTNER_EVENT_TYPES))
        raise RuleViolation(errors.WEBHOOK_EVENT_TYPES, f"Partners cannot subscribe to "
                            f"{', '.join(unknown)} (allowed: {allowed})",
                            field="body.event_types")
    return sorted(set(event_types))


async def register(uow: UnitOfWork, principal: Principal, request: EndpointCreate,
                   idempotency_key: str | None) -> tuple[Endpoint, str]:
    """(the endpoint, its signing secret); a repeat with the same Idempotency-Key returns
    the first one (a concurrent repeat waits for it)."""

    async def load(endpoint_id: str) -> tuple[Endpoint, str]:
        found = await own_endpoint(uow, principal, endpoint_id)
        return found, found.secret_list[0].secret

    return await create_once(
        uow, principal, idempotency_key, body=request, path="/v1/webhooks",
        create=lambda: _create(uow, principal, request.url, request.event_types),
        id_of=lambda created: created[0].id, load=load)


async def _create(uow: UnitOfWork, principal: Principal, url: str,
                  event_types: list[str]) -> tuple[Endpoint, str]:
    secret = new_secret()
    values: dict[str, Any] = {
        "id": str(uuid.uuid4()), "la_code": principal.la_code,
        "partner_role": owner_of(principal).role, "org_code": principal.org_code,
        "url": url, "event_types": json.dumps(_check_event_types(event_types)),
        "secrets": json.dumps([{"secret": secret}]), "status": EndpointStatus.ACTIVE.value,
        "disabled_reason": None, "created_at": uow.clock.now(), "last_success_at": None,
        "last_failure_at": None, "consecutive_failures": 0}
    await repository.add_endpoint(uow.connection, values)
    return Endpoint.from_row(values), secret


async def endpoints_of(uow: UnitOfWork, principal: Principal) -> list[Endpoint]:
    return await repository.endpoints_of(uow.connection, owner_of(principal))


async def enable(uow: UnitOfWork, principal: Principal, own: NotificationsSettings,
                 allow_http: bool, endpoint_id: str) -> Endpoint:
    found = await own_endpoint(uow, principal, endpoint_id)
    await check_target(own, allow_http, found.url)
    values = rules.decide_enable(found)
    await repository.update_endpoint(uow.connection, endpoint_id, values)
    return Endpoint.from_row({**_as_values(found), **values})


async def remove(uow: UnitOfWork, principal: Principal, endpoint_id: str) -> None:
    found = await own_endpoint(uow, principal, endpoint_id)
    await repository.update_endpoint(uow.connection, endpoint_id, rules.decide_remove(found))


async def rotate_secret(uow: UnitOfWork, principal: Principal, own: NotificationsSettings,
                        endpoint_id: str, overlap_s: int | None) -> tuple[str, datetime]:
    found = await own_endpoint(uow, principal, endpoint_id, for_update=True)
    secret = new_secret()
    rotation = rules.decide_rotation(found, secret, uow.clock.now(), timedelta(
        seconds=own.secret_overlap_s if overlap_s is None else overlap_s))
    await repository.update_endpoint(uow.connection, endpoint_id,
                                     {"secrets": rotation.secrets_json})
    return secret, rotation.previous_valid_until


async def endpoint_deliveries(uow: UnitOfWork, principal: Principal, endpoint_id: str,
                              status: str | None, limit: int,
                              offset: int) -> tuple[list[Delivery], int]:
    await own_endpoint(uow, principal, endpoint_id)
    return await log.page(uow.connection, log.log_filter(
        principal.la_code, endpoint_id=endpoint_id, status=status), limit, offset)


async def replay_one(uow: UnitOfWork, principal: Principal, endpoint_id: str,
                     delivery_id: str) -> int:
    await own_endpoint(uow, principal, endpoint_id)
    found = await log.get_in_la(uow.connection, principal.la_code, delivery_id)
    if found is None or found.endpoint_id != endpoint_id:
        raise NotFound("The delivery")
    return await deliveries.replay(uow.connection, [
        delivery.c.id == delivery_id, delivery.c.endpoint_id == endpoint_id], uow.clock.now())


async def replay_range(uow: UnitOfWork, principal: Principal, endpoint_id: str,
                       since: datetime, until: datetime, only_failed: bool) -> int:
    if until <= since:
        raise RuleViolation(errors.REPLAY_RANGE, "until must be after since", field="body.until")
    await own_endpoint(uow, principal, endpoint_id)
    conditions = [delivery.c.endpoint_id == endpoint_id, delivery.c.created_at >= since,
                  delivery.c.created_at < until]
    if only_failed:
        conditions.append(delivery.c.status == DeliveryStatus.FAILED.value)
    return await deliveries.replay(uow.connection, conditions, uow.clock.now())


def _as_values(endpoint: Endpoint) -> dict[str, Any]:
    return {name: getattr(endpoint, name) for name in Endpoint.__dataclass_fields__}
