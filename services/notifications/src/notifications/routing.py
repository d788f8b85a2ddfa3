"""Who is told about an event, through which channel, with which template.

The slice routes deadline events to the LA's SEN team address (per-LA setting), and a
missed deadline to the team manager too. Routing per LA from the database comes with the
notifications issue."""

from __future__ import annotations

from dataclasses import dataclass

from common.settings import Settings

DEADLINE_SOURCES = ("assessment", "mediation", "budgets")


def deadline_approaching_types() -> list[str]:
    return [f"send.{s}.deadline.approaching.v1" for s in DEADLINE_SOURCES]


def deadline_missed_types() -> list[str]:
    return [f"send.{s}.deadline.missed.v1" for s in DEADLINE_SOURCES]


@dataclass(frozen=True)
class Recipient:
    audience: str  # the template audience: caseworker, manager, family, partner, la
    channel: str
    address: str


def deadline_recipients(settings: Settings, la_code: str, missed: bool) -> list[Recipient]:
    recipients = []
    team = settings.la_team_emails.get(la_code)
    if team:
        recipients.append(Recipient("caseworker", "email", team))
    manager = settings.la_manager_emails.get(la_code)
    if missed and manager:
        recipients.append(Recipient("manager", "email", manager))
    return recipients
