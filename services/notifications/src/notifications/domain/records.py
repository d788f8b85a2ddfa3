"""Typed records the repositories return: a delivery, a webhook endpoint, a case and its
contacts, an LA template. Built from rows by the repositories; pure here."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import datetime
from email.utils import formataddr
from typing import Any, Self

from notifications.domain.enums import (
    Audience,
    Channel,
    DeliveryStatus,
    EndpointStatus,
)


def named_address(name: str | None, address: str) -> str:
    """``"Name <address>"`` (RFC 5322; encoded when not ASCII), or the bare address when
    there is no name; control characters in the name become spaces."""
    cleaned = " ".join("".join(c if c.isprintable() else " " for c in name or "").split())
    return formataddr((cleaned, address)) if cleaned else address


class _FromRow:
    @classmethod
    def from_row(cls, row: Mapping[Any, Any]) -> Self:
        return cls(**{f.name: row[f.name] for f in fields(cls)  # type: ignore[arg-type]
                      if f.name in row})


@dataclass(frozen=True, slots=True)
class Delivery(_FromRow):
    id: str
    la_code: str
    case_id: str | None
    event_id: str
    event_type: str
    audience: str
    channel: str
    recipient: str
    subject: str
    body: str
    status: str
    attempts: int
    last_error: str | None
    next_attempt_at: datetime | None
    created_at: datetime
    sent_at: datetime | None
    endpoint_id: str | None
    provider_ref: str | None
    read_at: datetime | None
    replays: int
    seq: int
    #: "smtp": send over SMTP whatever the LA chose (an alert's fallback); None: as chosen
    provider: str | None = None
    recipient_name: str | None = None

    @property
    def addressee(self) -> str:
        """The email To value: ``"Name <address>"`` when the recipient's name is known."""
        return named_address(self.recipient_name, self.recipient)

    @property
    def delivery_status(self) -> DeliveryStatus:
        return DeliveryStatus(self.status)

    @property
    def is_webhook(self) -> bool:
        return self.channel == Channel.WEBHOOK

    @property
    def is_alert(self) -> bool:
        return self.audience == Audience.LA


@dataclass(frozen=True, slots=True)
class Secret:
    secret: str
    expires_at: str | None = None


@dataclass(frozen=True, slots=True)
class Endpoint(_FromRow):
    id: str
    la_code: str
    partner_role: str
    org_code: str
    url: str
    event_types: str  # JSON list, as stored
    secrets: str  # JSON [{secret, expires_at?}], as stored
    status: str
    disabled_reason: str | None
    created_at: datetime
    last_success_at: datetime | None
    last_failure_at: datetime | None
    consecutive_failures: int

    @property
    def subscribed(self) -> list[str]:
        return list(json.loads(self.event_types))

    @property
    def secret_list(self) -> list[Secret]:
        return [Secret(s["secret"], s.get("expires_at")) for s in json.loads(self.secrets)]

    @property
    def active(self) -> bool:
        return self.status == EndpointStatus.ACTIVE

    def active_secrets(self, now: datetime) -> list[str]:
        """The secrets still signing: the current one and any not yet expired."""
        return [s.secret for s in self.secret_list
                if s.expires_at is None or datetime.fromisoformat(s.expires_at) > now]


@dataclass(frozen=True, slots=True)
class CaseRecord(_FromRow):
    case_id: str
    la_code: str
    caseworker_id: str | None
    team: str | None
    given_name: str | None = None
    family_name: str | None = None
    case_ref: str | None = None

    @property
    def child_name(self) -> str | None:
        """The child's or young person's name, as the case system gave it."""
        name = " ".join(p for p in (self.given_name, self.family_name) if p)
        return name or None


@dataclass(frozen=True, slots=True)
class Contact(_FromRow):
    role: str
    name: str
    email: str | None
    phone: str | None
    preferred_channel: str | None
    postal_address: Any = None  # {"lines": [...], "postcode": ...} (JSON), if given


@dataclass(frozen=True, slots=True)
class LaTemplate(_FromRow):
    event_type: str
    audience: str
    channel: str
    subject: str
    body: str
    version: int


@dataclass(frozen=True, slots=True)
class StaffAddress(_FromRow):
    kind: str
    ref: str
    email: str


@dataclass(frozen=True, slots=True)
class Owner:
    """Who owns the case at the LA: the team and the caseworker, when known."""

    team: str | None = None
    caseworker_id: str | None = None


@dataclass(frozen=True, slots=True)
class Target:
    """One recipient on one channel, as planning resolved it."""

    audience: str
    channel: str
    address: str
    name: str | None = None
    endpoint_id: str | None = None


@dataclass(frozen=True, slots=True)
class EndpointOwner:
    """Who owns a webhook endpoint: the LA, the partner's role and its organisation code
    (an ICB's ODS code and a provider's code may coincide; their endpoints stay apart)."""

    la_code: str
    role: str
    org_code: str


@dataclass(frozen=True, slots=True)
class NotifyTemplate(_FromRow):
    """The LA's GOV.UK Notify template for an (event type, audience, channel); ``*`` in the
    event type or the audience stands for any."""

    event_type: str
    audience: str
    channel: str
    template_id: str


@dataclass(frozen=True, slots=True)
class Letter(_FromRow):
    """A rendered letter and where it is in the LA's print run (LetterStatus)."""

    delivery_id: str
    la_code: str
    case_id: str | None
    addressee: str
    status: str
    queued_at: datetime
    print_run_id: str | None
    printed_at: datetime | None
    posted_at: datetime | None


@dataclass(frozen=True, slots=True)
class PrintRun(_FromRow):
    id: str
    la_code: str
    created_at: datetime
    created_by: str
