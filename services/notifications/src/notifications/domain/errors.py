"""The rule names notifications' RuleViolations carry (no RULES.md row covers them: they
are the service's own checks, named so a client can tell them apart)."""

from __future__ import annotations

ROUTE_CHANNELS = "notifications.route-channels"
TEMPLATE_CHANNEL = "notifications.template-channel"
TEMPLATE_RENDERS = "notifications.template-renders"
STAFF_ADDRESS = "notifications.staff-address"
OPT_OUT_ADDRESS = "notifications.opt-out-address"
WEBHOOK_TARGET = "notifications.webhook-target"
WEBHOOK_EVENT_TYPES = "notifications.webhook-event-types"
REPLAY_RANGE = "notifications.replay-range"
DELIVERY_STATE = "notifications.delivery-state"
LETTER_STATE = "notifications.letter-state"
PRINT_RUN_EMPTY = "notifications.print-run-empty"
NOTIFY_TEMPLATE = "notifications.notify-template"
