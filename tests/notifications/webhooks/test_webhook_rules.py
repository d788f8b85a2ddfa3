"""Pure rules of webhook endpoints: secret rotation and health after an attempt."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from notifications.domain.enums import OutcomeStatus
from notifications.domain.records import Endpoint
from notifications.webhooks.rules import decide_health, decide_rotation

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
ENDPOINT = Endpoint(
    id="ep-1", la_code="201", partner_role="health", org_code="QWE", url="https://x.test",
    event_types='["t"]', secrets=json.dumps([
        {"secret": "current"},
        {"secret": "older", "expires_at": (NOW + timedelta(hours=1)).isoformat()},
        {"secret": "expired", "expires_at": (NOW - timedelta(seconds=1)).isoformat()}]),
    status="active", disabled_reason=None, created_at=NOW, last_success_at=None,
    last_failure_at=None, consecutive_failures=2)


def test_rotation_keeps_earlier_secrets_for_the_overlap_only() -> None:
    rotation = decide_rotation(ENDPOINT, "new", NOW, timedelta(minutes=30))
    kept = json.loads(rotation.secrets_json)
    until = (NOW + timedelta(minutes=30)).isoformat()
    assert kept == [{"secret": "new"}, {"secret": "current", "expires_at": until},
                    {"secret": "older", "expires_at": until}]
    assert rotation.previous_valid_until == NOW + timedelta(minutes=30)


def test_health_after_success_failure_and_gone() -> None:
    assert decide_health(ENDPOINT, OutcomeStatus.SENT, "ok", NOW) == {
        "last_success_at": NOW, "consecutive_failures": 0}
    assert decide_health(ENDPOINT, OutcomeStatus.RETRY, "503", NOW) == {
        "last_failure_at": NOW, "consecutive_failures": 3}
    gone = decide_health(ENDPOINT, OutcomeStatus.DISABLED, "HTTP 410", NOW)
    assert gone["status"] == "disabled" and gone["disabled_reason"] == "HTTP 410"
