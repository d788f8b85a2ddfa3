"""Who is told about an event, through which channels, with which template.

A declarative default table (event type -> audience -> channels); an LA overrides a row
(other channels, or switched off) through the API without code. Audiences:

- ``caseworker``: the case's caseworker (their own address if the LA gave one, else the
  team's); every listed channel is used (email and the in-app inbox);
- ``manager``: the team manager (missed deadlines);
- ``family``: the case's contacts, or the appellants / recipients the event carries; one
  channel each: their preferred one if the route allows it, else the first usable;
- ``partner``: the partner organisation's subscribed webhook endpoints.

A ``statutory`` route is never dropped: opt-outs do not apply, and a recipient without a
usable channel becomes a message to the LA team saying so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from common.deadline_alerts import approaching_type, missed_type

DEADLINE_SOURCES = ("assessment", "mediation", "budgets")
CHANNELS = ("email", "sms", "webhook", "in_app")
AUDIENCES = ("caseworker", "manager", "family", "partner")

CASE_OPENED = "send.assessment.case.opened.v1"
CONTACTS_CHANGED = "send.assessment.contacts.changed.v1"
REQUEST_RECEIVED = "send.assessment.request.received.v1"
DECISION_MADE = "send.assessment.decision.made.v1"
DECISION_APPEALABLE = "send.assessment.decision.appealable.v1"
PLAN_DRAFTED = "send.assessment.plan.drafted.v1"
PLAN_ISSUED = "send.assessment.plan.issued.v1"
ADVICE_REQUESTED = "send.assessment.advice.requested.v1"
CERTIFICATE_ISSUED = "send.mediation.certificate.issued.v1"
MEDIATION_REQUESTED = "send.mediation.requested.v1"
SETTING_AGREEMENT = "send.budgets.setting_agreement.requested.v1"


def deadline_approaching_types() -> list[str]:
    return [approaching_type(s) for s in DEADLINE_SOURCES]


def deadline_missed_types() -> list[str]:
    return [missed_type(s) for s in DEADLINE_SOURCES]


@dataclass(frozen=True)
class Route:
    event_type: str
    audience: str
    channels: tuple[str, ...]
    statutory: bool = True
    enabled: bool = True


def _default_routes() -> list[Route]:
    routes = []
    for event_type in deadline_approaching_types():
        routes.append(Route(event_type, "caseworker", ("email", "in_app")))
    for event_type in deadline_missed_types():
        routes.append(Route(event_type, "caseworker", ("email", "in_app")))
        routes.append(Route(event_type, "manager", ("email",)))
    family = ("email", "sms")
    routes += [
        Route(REQUEST_RECEIVED, "family", family, statutory=False),
        Route(DECISION_MADE, "family", family),
        Route(DECISION_APPEALABLE, "family", family),
        Route(PLAN_DRAFTED, "family", family),
        Route(PLAN_ISSUED, "family", family),
        Route(CERTIFICATE_ISSUED, "family", family),
        Route(ADVICE_REQUESTED, "partner", ("webhook",)),
        Route(MEDIATION_REQUESTED, "partner", ("webhook",)),
        Route(SETTING_AGREEMENT, "partner", ("webhook",)),  # the school or college, by URN
    ]
    return routes


DEFAULT_ROUTES: dict[tuple[str, str], Route] = {(r.event_type, r.audience): r
                                                for r in _default_routes()}


def routed_event_types() -> list[str]:
    return sorted({r.event_type for r in DEFAULT_ROUTES.values()})


@dataclass(frozen=True)
class Override:
    channels: tuple[str, ...]
    enabled: bool


def effective_routes(event_type: str, overrides: Mapping[str, Override]) -> list[Route]:
    """The default routes of ``event_type`` with the LA's overrides (keyed by audience)."""
    routes = []
    for (etype, audience), route in DEFAULT_ROUTES.items():
        if etype != event_type:
            continue
        override = overrides.get(audience)
        if override is not None:
            route = replace(route, channels=override.channels, enabled=override.enabled)
        routes.append(route)
    return routes


def choose_channel(allowed: Iterable[str], preferred: str | None,
                   usable: Iterable[str]) -> str | None:
    """A family member's channel: preferred if allowed and usable, else the first usable."""
    allowed, usable = list(allowed), set(usable)
    if preferred in allowed and preferred in usable:
        return preferred
    return next((c for c in allowed if c in usable), None)
