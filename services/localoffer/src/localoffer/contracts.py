"""The events the localoffer service publishes (EVENTS.md)."""

from datetime import date

from pydantic import BaseModel

from common.deadline_alerts import (
    DeadlineApproachingV1,
    DeadlineMissedV1,
    approaching_type,
    missed_type,
)
from common.messaging.registry import EventRegistry

SERVICE = "localoffer"
registry = EventRegistry(SERVICE)
registry.register(approaching_type(SERVICE), DeadlineApproachingV1)
registry.register(missed_type(SERVICE), DeadlineMissedV1)

FEEDBACK_RECEIVED = "send.localoffer.feedback.received.v1"


class FeedbackReceivedV1(BaseModel):
    """A comment about the local offer arrived (R8.3); the comment itself stays here."""

    feedback_id: str
    la_code: str
    received_on: date


registry.register(FEEDBACK_RECEIVED, FeedbackReceivedV1)


ENTRY_PUBLISHED = "send.localoffer.entry.published.v1"
REVIEW_DUE = "send.localoffer.review.due.v1"


def subject_for_entry(entry_id: str) -> str:
    return f"entry/{entry_id}"


class EntryPublishedV1(BaseModel):
    """An entry of the local offer was published or changed (a new version)."""

    entry_id: str
    la_code: str
    title: str
    categories: list[str]  # the codes of the entry's taxonomy terms
    version: int


class ReviewDueV1(BaseModel):
    """An entry (or, without `entry_id`, the offer as a whole) is due for review."""

    la_code: str
    entry_id: str | None = None
    due_on: date
    days_left: int | None = None  # negative once overdue


registry.register(ENTRY_PUBLISHED, EntryPublishedV1)
registry.register(REVIEW_DUE, ReviewDueV1)
