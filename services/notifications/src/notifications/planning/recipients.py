"""Resolving a route into concrete recipients from the read model, staff addresses (API,
falling back to settings) and partner endpoints. Nothing here writes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from notifications.domain.enums import Audience, Channel, PartnerRole, StaffKind
from notifications.domain.records import Contact, EndpointOwner, Owner, Target
from notifications.letters.rules import address_block
from notifications.planning import repository
from notifications.planning.routing import Route, choose_channel
from notifications.settings import NotificationsSettings
from notifications.webhooks import repository as endpoints


@dataclass(frozen=True)
class Person:
    name: str
    email: str | None = None
    phone: str | None = None
    preferred_channel: str | None = None
    postal_address: Any = None  # {"lines": [...], "postcode": ...}

    def usable(self) -> list[str]:
        return [c for c, v in ((Channel.EMAIL, self.email), (Channel.SMS, self.phone)) if v]

    def address(self, channel: str) -> str | None:
        return {Channel.EMAIL: self.email, Channel.SMS: self.phone}.get(Channel(channel))


@dataclass(frozen=True)
class Partner:
    """The organisation an event names and the partner role it acts in: an ICB by ODS code
    (health), a school or college by URN (provider)."""

    org_code: str
    name: str | None = None
    role: PartnerRole = PartnerRole.HEALTH


@dataclass
class Resolution:
    targets: list[Target]
    unreachable: list[str]  # who could not be reached, and why (for the LA alert)


async def _staff_email(connection: AsyncConnection, la_code: str, kind: StaffKind, team: str | None,
                       fallback: str | None) -> str | None:
    """The team's own address of this kind, else the LA-wide one, else the settings'."""
    if team:
        found = await repository.staff_email(connection, la_code, kind, team)
        if found:
            return found
    return await repository.staff_email(connection, la_code, kind, "") or fallback


async def team_email(connection: AsyncConnection, own: NotificationsSettings, la_code: str,
                     team: str | None) -> str | None:
    return await _staff_email(connection, la_code, StaffKind.TEAM, team,
                              own.la_team_emails.get(la_code))


async def manager_email(connection: AsyncConnection, own: NotificationsSettings, la_code: str,
                        team: str | None) -> str | None:
    return await _staff_email(connection, la_code, StaffKind.MANAGER, team,
                              own.la_manager_emails.get(la_code))


async def staff_targets(connection: AsyncConnection, own: NotificationsSettings, route: Route,
                        la_code: str, owner: Owner) -> Resolution:
    team, caseworker = owner.team, owner.caseworker_id
    targets: list[Target] = []
    for channel in route.channels:
        if channel == Channel.IN_APP and route.audience == Audience.CASEWORKER and caseworker:
            targets.append(Target(route.audience, Channel.IN_APP, caseworker))
        if channel != Channel.EMAIL:
            continue
        if route.audience == Audience.CASEWORKER:
            address = (caseworker and await repository.staff_email(
                connection, la_code, StaffKind.CASEWORKER, caseworker)) or await team_email(
                connection, own, la_code, team)
        else:
            address = await manager_email(connection, own, la_code, team)
        if address:
            targets.append(Target(route.audience, Channel.EMAIL, address))
    unreachable = [] if targets else [f"{route.audience}: no address configured"]
    return Resolution(targets, unreachable)


def people_from(carried: Sequence[Person] | None, contacts: Sequence[Contact]) -> list[Person]:
    """The event's own recipients when it carries them (preferences and postal address
    from the case contact with the same email, or without one the same name), else the
    case's contacts."""
    if not carried:
        return [Person(c.name, c.email, c.phone, c.preferred_channel, c.postal_address)
                for c in contacts]
    by_email = {c.email.lower(): c for c in contacts if c.email}
    by_name = {c.name.casefold(): c for c in contacts}
    people = []
    for p in carried:
        known = by_email.get((p.email or "").lower()) if p.email else by_name.get(
            p.name.casefold())
        people.append(Person(p.name, p.email, p.phone,
                             known.preferred_channel if known else None,
                             known.postal_address if known else None))
    return people


def letter_target(route: Route, person: Person) -> Target | None:
    """A statutory notice goes by post to a contact who prefers post and gave an address
    (whatever channels the route lists: the law requires the notice, the contact chose
    how)."""
    if not route.statutory or person.preferred_channel != Channel.POST:
        return None
    block = address_block(person.name, person.postal_address)
    return Target(Audience.FAMILY, Channel.POST, block, person.name) if block else None


async def family_targets(connection: AsyncConnection, route: Route, la_code: str,
                         people: Sequence[Person]) -> tuple[Resolution, list[Target]]:
    """(reachable targets, targets suppressed by an opt-out)."""
    targets, suppressed, unreachable = [], [], []
    for person in people:
        letter = letter_target(route, person)
        if letter is not None:
            targets.append(letter)
            continue
        channel = choose_channel(route.channels, person.preferred_channel, person.usable())
        if channel is None:
            pref = person.preferred_channel or "none"
            unreachable.append(f"{person.name}: no usable channel (preferred: {pref}; "
                               f"allowed: {', '.join(route.channels)})")
            continue
        address = person.address(channel) or ""
        target = Target(Audience.FAMILY, channel, address, person.name)
        if not route.statutory and await repository.opted_out(connection, la_code, address):
            suppressed.append(target)
        else:
            targets.append(target)
    if not people:
        unreachable.append("family: no contact known for the case")
    return Resolution(targets, unreachable), suppressed


async def partner_targets(connection: AsyncConnection, route: Route, la_code: str, event_type: str,
                          partner: Partner | None) -> Resolution:
    if partner is None or not partner.org_code:
        return Resolution([], [])
    name = partner.name or partner.org_code
    targets = []
    if Channel.WEBHOOK in route.channels:
        owner = EndpointOwner(la_code, partner.role, partner.org_code)
        for endpoint in await endpoints.endpoints_of(connection, owner):
            if endpoint.active and event_type in endpoint.subscribed:
                targets.append(Target(Audience.PARTNER, Channel.WEBHOOK, endpoint.id, name,
                                      endpoint.id))
    if targets:
        return Resolution(targets, [])
    return Resolution([], [f"{name} ({partner.org_code}): no active webhook subscription "
                           "for this event"])
