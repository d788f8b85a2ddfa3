"""Every lifecycle and closed vocabulary of the notifications service."""

from __future__ import annotations

from enum import StrEnum


class DeliveryStatus(StrEnum):
    """A delivery row's lifecycle: planned (pending), claimed by a worker for one attempt
    (sending, under a lease), then sent, retrying, failed or suppressed (opted out)."""

    PENDING = "pending"
    SENDING = "sending"
    RETRYING = "retrying"
    SENT = "sent"
    FAILED = "failed"
    SUPPRESSED = "suppressed"


#: a worker may claim these (a `sending` row is claimable again once its lease expires)
UNDELIVERED = (DeliveryStatus.PENDING, DeliveryStatus.RETRYING)
IN_FLIGHT = (*UNDELIVERED, DeliveryStatus.SENDING)
FINAL = (DeliveryStatus.SENT, DeliveryStatus.FAILED, DeliveryStatus.SUPPRESSED)


class OutcomeStatus(StrEnum):
    """What one channel attempt returned."""

    SENT = "sent"
    RETRY = "retry"
    FAILED = "failed"
    DISABLED = "disabled"


class Channel(StrEnum):
    EMAIL = "email"
    SMS = "sms"
    WEBHOOK = "webhook"
    IN_APP = "in_app"
    POST = "post"  # a printed letter, queued for the LA's print run


class Audience(StrEnum):
    CASEWORKER = "caseworker"
    MANAGER = "manager"
    FAMILY = "family"
    PARTNER = "partner"
    LA = "la"  # the service's own alerts to the LA team


class EndpointStatus(StrEnum):
    ACTIVE = "active"
    DISABLED = "disabled"


class StaffKind(StrEnum):
    TEAM = "team"
    MANAGER = "manager"
    CASEWORKER = "caseworker"


class PartnerRole(StrEnum):
    """The role a partner's token carries; an endpoint belongs to (LA, role, org)."""

    HEALTH = "health"
    PROVIDER = "provider"


class LetterStatus(StrEnum):
    """A letter's life after it is rendered: waiting for the LA's print run (queued), then
    printed, then posted (both marked by LA staff)."""

    QUEUED = "queued"
    PRINTED = "printed"
    POSTED = "posted"


class EmailProvider(StrEnum):
    """How an email delivery leaves: as the LA chose (GOV.UK Notify or SMTP), or over SMTP
    whatever the LA chose (the fallback for the LA's own alerts when Notify fails)."""

    SMTP = "smtp"
