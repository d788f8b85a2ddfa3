"""Resolving a route into concrete recipients from the read model, staff addresses (API,
falling back to settings) and partner endpoints. Nothing here writes."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from common.settings import Settings
from notifications import directory
from notifications.routing import Route, choose_channel, manager_fallback, team_fallback


@dataclass(frozen=True)
class Person:
    name: str
    email: str | None = None
    phone: str | None = None
    preferred_channel: str | None = None

    def usable(self) -> list[str]:
        return [c for c, v in (("email", self.email), ("sms", self.phone)) if v]

    def address(self, channel: str) -> str | None:
        return {"email": self.email, "sms": self.phone}.get(channel)


@dataclass(frozen=True)
class Target:
    audience: str
    channel: str
    address: str
    name: str | None = None
    endpoint_id: str | None = None


@dataclass
class Resolution:
    targets: list[Target]
    unreachable: list[str]  # who could not be reached, and why (for the LA alert)


async def _staff_email(session: AsyncSession, la_code: str, kind: str, team: str | None,
                       fallback: str | None) -> str | None:
    """The team's own address of this kind, else the LA-wide one, else the settings'."""
    if team:
        found = await directory.staff_email(session, la_code, kind, team)
        if found:
            return found
    return await directory.staff_email(session, la_code, kind, "") or fallback


async def team_email(session: AsyncSession, settings: Settings, la_code: str,
                     team: str | None) -> str | None:
    return await _staff_email(session, la_code, "team", team, team_fallback(settings, la_code))


async def manager_email(session: AsyncSession, settings: Settings, la_code: str,
                        team: str | None) -> str | None:
    return await _staff_email(session, la_code, "manager", team,
                              manager_fallback(settings, la_code))


async def staff_targets(session: AsyncSession, settings: Settings, route: Route,
                        la_code: str, owner: Mapping[str, Any]) -> Resolution:
    team, caseworker = owner.get("team"), owner.get("caseworker_id")
    targets: list[Target] = []
    for channel in route.channels:
        if channel == "in_app" and route.audience == "caseworker" and caseworker:
            targets.append(Target(route.audience, "in_app", caseworker))
        if channel != "email":
            continue
        if route.audience == "caseworker":
            address = (caseworker and await directory.staff_email(
                session, la_code, "caseworker", caseworker)) or await team_email(
                session, settings, la_code, team)
        else:
            address = await manager_email(session, settings, la_code, team)
        if address:
            targets.append(Target(route.audience, "email", address))
    unreachable = [] if targets else [f"{route.audience}: no address configured"]
    return Resolution(targets, unreachable)


def people_from(carried: Sequence[Mapping[str, Any]] | None,
                contacts: Sequence[Mapping[str, Any]]) -> list[Person]:
    """The event's own recipients when it carries them (preferences from the case contacts
    with the same email), else the case's contacts."""
    if not carried:
        return [Person(c["name"], c.get("email"), c.get("phone"), c.get("preferred_channel"))
                for c in contacts]
    prefs = {(c.get("email") or "").lower(): c.get("preferred_channel") for c in contacts}
    return [Person(p["name"], p.get("email"), p.get("phone"),
                   prefs.get((p.get("email") or "").lower())) for p in carried]


async def family_targets(session: AsyncSession, route: Route, la_code: str,
                         people: Sequence[Person]) -> tuple[Resolution, list[Target]]:
    """(reachable targets, targets suppressed by an opt-out)."""
    targets, suppressed, unreachable = [], [], []
    for person in people:
        channel = choose_channel(route.channels, person.preferred_channel, person.usable())
        if channel is None:
            pref = person.preferred_channel or "none"
            unreachable.append(f"{person.name}: no usable channel (preferred: {pref}; "
                               f"allowed: {', '.join(route.channels)})")
            continue
        address = person.address(channel) or ""
        target = Target("family", channel, address, person.name)
        if not route.statutory and await directory.opted_out(session, la_code, address):
            suppressed.append(target)
        else:
            targets.append(target)
    if not people:
        unreachable.append("family: no contact known for the case")
    return Resolution(targets, unreachable), suppressed


async def partner_targets(session: AsyncSession, route: Route, la_code: str, event_type: str,
                          org: Mapping[str, Any] | None) -> Resolution:
    if not org or not org.get("org_code"):
        return Resolution([], [])
    name = org.get("name") or org["org_code"]
    targets = []
    if "webhook" in route.channels:
        for row in await directory.endpoints_of_org(session, la_code, org["org_code"]):
            if row["status"] == "active" and event_type in json.loads(row["event_types"]):
                targets.append(Target("partner", "webhook", row["id"], name, row["id"]))
    if targets:
        return Resolution(targets, [])
    return Resolution([], [f"{name} ({org['org_code']}): no active webhook subscription "
                           "for this event"])
