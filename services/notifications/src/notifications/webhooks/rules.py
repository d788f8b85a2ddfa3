"""Pure rules of partner webhook endpoints: secret rotation and endpoint health."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from notifications.domain.enums import EndpointStatus, OutcomeStatus
from notifications.domain.records import Endpoint


@dataclass(frozen=True)
class Rotation:
    secrets_json: str
    previous_valid_until: datetime


def decide_rotation(endpoint: Endpoint, new_secret: str, now: datetime,
                    overlap: timedelta) -> Rotation:
    """The new secret first; earlier ones keep signing until ``now + overlap`` at most,
    and those already expired are dropped."""
    until = (now + overlap).isoformat()
    kept = [{"secret": s.secret, "expires_at": min(s.expires_at or until, until)}
            for s in endpoint.secret_list]
    kept = [s for s in kept if s["expires_at"] > now.isoformat()]
    return Rotation(json.dumps([{"secret": new_secret}, *kept]), now + overlap)


def decide_health(endpoint: Endpoint, outcome: OutcomeStatus, detail: str,
                  now: datetime) -> dict[str, Any]:
    """The endpoint's health columns after one attempt; a 410 disables it."""
    values: dict[str, Any]
    if outcome == OutcomeStatus.SENT:
        values = {"last_success_at": now, "consecutive_failures": 0}
    else:
        values = {"last_failure_at": now,
                  "consecutive_failures": endpoint.consecutive_failures + 1}
    if outcome == OutcomeStatus.DISABLED:
        values.update(status=EndpointStatus.DISABLED.value, disabled_reason=detail)
    return values


def decide_enable(endpoint: Endpoint) -> dict[str, Any]:
    return {"status": EndpointStatus.ACTIVE.value, "disabled_reason": None,
            "consecutive_failures": 0}


def decide_remove(endpoint: Endpoint) -> dict[str, Any]:
    return {"status": EndpointStatus.DISABLED.value, "disabled_reason": "removed by the partner"}
