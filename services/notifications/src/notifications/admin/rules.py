"""Pure rules of the LA's configuration: which channels reach an audience, which templates
an LA may keep, template versions, who may opt a contact out."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from common.errors import RuleViolation
from notifications.domain import errors
from notifications.domain.enums import Audience, Channel, StaffKind
from notifications.domain.records import Contact, LaTemplate

ALLOWED_CHANNELS: dict[str, frozenset[str]] = {
    Audience.CASEWORKER: frozenset({Channel.EMAIL, Channel.IN_APP}),
    Audience.MANAGER: frozenset({Channel.EMAIL}),
    Audience.FAMILY: frozenset({Channel.EMAIL, Channel.SMS}),
    Audience.PARTNER: frozenset({Channel.WEBHOOK}),
}
LA_WIDE = "-"
ANY = "*"
NOTIFY_CHANNELS = frozenset({Channel.EMAIL, Channel.SMS})
#: who may get each Notify channel (the LA team's alerts are email)
NOTIFY_AUDIENCES: dict[str, frozenset[str]] = {
    Channel.EMAIL: frozenset({Audience.CASEWORKER, Audience.MANAGER, Audience.FAMILY,
                              Audience.LA, ANY}),
    Channel.SMS: frozenset({Audience.FAMILY, ANY}),
}


def decide_route_channels(audience: str, channels: Sequence[str]) -> list[str]:
    wrong = set(channels) - ALLOWED_CHANNELS[audience]
    if wrong:
        raise RuleViolation(errors.ROUTE_CHANNELS,
                            f"{audience} cannot be reached by {', '.join(sorted(wrong))}",
                            field="body.channels")
    return list(channels)


def decide_template_channel(audience: str, channel: str) -> None:
    if channel not in ALLOWED_CHANNELS[audience] or channel == Channel.WEBHOOK:
        raise RuleViolation(errors.TEMPLATE_CHANNEL, f"{audience} messages are not sent by "
                            f"{channel}", field="channel")


def next_template_version(current: LaTemplate | None) -> int:
    return current.version + 1 if current is not None else 1


def stored_ref(kind: str, ref: str) -> str:
    """The directory key of a staff address: '-' (LA-wide) is stored as ''."""
    if kind == StaffKind.CASEWORKER and ref == LA_WIDE:
        raise RuleViolation(errors.STAFF_ADDRESS, "A caseworker address needs the caseworker id",
                            field="ref")
    return "" if ref == LA_WIDE else ref


def decide_opt_out_address(address: str, contacts: Iterable[Contact]) -> str:
    known = {(value or "").lower() for c in contacts for value in (c.email, c.phone)}
    if address.lower() not in known:
        raise RuleViolation(errors.OPT_OUT_ADDRESS, "The address is not a contact of the case",
                            field="body.address")
    return address


def decide_notify_template(event_type: str, audience: str, channel: str,
                           known_event_types: Iterable[str]) -> None:
    """A Notify template is kept for an event the service sends (or ``*``), an audience
    reached on that channel (or ``*``), and email or SMS."""
    if channel not in NOTIFY_CHANNELS:
        raise RuleViolation(errors.NOTIFY_TEMPLATE, "Notify sends email and SMS only",
                            field="channel")
    if audience not in NOTIFY_AUDIENCES[channel]:
        raise RuleViolation(errors.NOTIFY_TEMPLATE, f"{audience} messages are not sent by "
                            f"{channel}", field="audience")
    if event_type != ANY and event_type not in set(known_event_types):
        raise RuleViolation(errors.NOTIFY_TEMPLATE, f"the service sends no {event_type} "
                            "messages", field="event_type")
